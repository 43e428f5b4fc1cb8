/** An editable list of names (the groups, the venues): one field each, add and remove within limits. */
import { useRef } from 'react';

export function NameList({
  legend,
  hint,
  names,
  onChange,
  min,
  max,
  words,
  fresh,
}: {
  legend: string;
  hint?: string;
  names: string[];
  onChange: (names: string[]) => void;
  min: number;
  max: number;
  /** `n`: the field's number, from 1. */
  words: { label: (n: number) => string; remove: (n: number) => string; add: string };
  /** The name a new field starts with. */
  fresh: (n: number) => string;
}) {
  const list = useRef<HTMLOListElement>(null);
  const add = () => {
    onChange([...names, fresh(names.length + 1)]);
    // the new field takes the focus, so a keyboard user types its name at once
    requestAnimationFrame(() => list.current?.querySelector<HTMLInputElement>('li:last-child input')?.focus());
  };
  return (
    <fieldset className="name-list">
      <legend>{legend}</legend>
      {hint && <p className="muted">{hint}</p>}
      <ol ref={list}>
        {names.map((name, i) => (
          <li key={i}>
            <input aria-label={words.label(i + 1)} value={name} onChange={(e) => onChange(names.map((n, j) => (j === i ? e.target.value : n)))} maxLength={40} required />{' '}
            <button type="button" aria-label={words.remove(i + 1)} disabled={names.length <= min} onClick={() => onChange(names.filter((_, j) => j !== i))}>
              ×
            </button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={add} disabled={names.length >= max}>
        {words.add}
      </button>
    </fieldset>
  );
}
