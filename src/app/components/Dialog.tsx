import { useEffect, useRef, type ReactNode } from 'react';

/** A modal dialog: focus moves in, Escape closes. */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  // Runs once per opening: the parent re-renders with the clock, and focus must stay put.
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('textarea, input, button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close.current();
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      previous?.focus?.();
    };
  }, []);
  return (
    <div className="backdrop">
      <div ref={ref} role="dialog" aria-modal="true" aria-label={title} className="dialog">
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}
