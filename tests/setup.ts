import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// CI may share its cores: a lazily loaded screen (the studio's JSON editor, its map) can take
// seconds to arrive, so `findBy…` and `waitFor` wait up to 10 s instead of 1 (a test that
// passes is no slower; one that fails takes longer to say so).
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  if (typeof document !== 'undefined') cleanup();
});
