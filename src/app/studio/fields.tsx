/** The studio's form fields: each edits one place of the draft, names it for the problem list, and shows the problems found there. */
import type { ReactNode } from 'react';
import { PHASES, RATINGS, type Lang } from '../../engine';
import { freshId, useAt, useChoices, useStudio, useStudioT } from './context';
import { fieldId, pathText, type Path } from './paths';

type Choice = { value: string; label: string };

/** The problems at a path, under its field; the field points to them (aria-describedby). */
function FieldProblems({ path }: { path: Path }) {
  const { problemsAt } = useStudio();
  const found = problemsAt(path);
  if (found.length === 0) return null;
  return (
    <span id={`${fieldId(path)}-problem`} className="field-problem">
      {found.join(' ')}
    </span>
  );
}

function invalid(problemsAt: (p: Path) => string[], path: Path) {
  const found = problemsAt(path).length > 0;
  return found ? { 'aria-invalid': true, 'aria-describedby': `${fieldId(path)}-problem` } : {};
}

export function TextField({ path, label, optional, multiline, hint }: { path: Path; label: string; optional?: boolean; multiline?: boolean; hint?: string }) {
  const { set, problemsAt } = useStudio();
  const value = useAt(path);
  const text = typeof value === 'string' ? value : '';
  const change = (v: string) => set(path, optional && v === '' ? undefined : v);
  const common = { id: fieldId(path), 'data-path': pathText(path), value: text, ...invalid(problemsAt, path) };
  return (
    <div className="field">
      <label htmlFor={common.id}>{label}</label>
      {multiline ? <textarea {...common} rows={3} onChange={(e) => change(e.target.value)} /> : <input {...common} onChange={(e) => change(e.target.value)} placeholder={hint} />}
      <FieldProblems path={path} />
    </div>
  );
}

/** A text in both languages, side by side: Chinese first. */
export function LocalField({ path, label, multiline, optional }: { path: Path; label: string; multiline?: boolean; optional?: boolean }) {
  const { t: ts } = useStudioT();
  const { set, problemsAt } = useStudio();
  const value = useAt<Record<string, unknown>>(path);
  const present = value !== undefined;
  const langs: Lang[] = ['zh-CN', 'en'];
  const change = (lang: Lang, v: string) => {
    const next = { 'zh-CN': '', en: '', ...(value ?? {}), [lang]: v };
    set(path, optional && next['zh-CN'] === '' && next.en === '' ? undefined : next);
  };
  return (
    <fieldset className="field local" data-path={pathText(path)} id={fieldId(path)} tabIndex={-1}>
      <legend>
        {label}
        {optional && !present ? ` ${ts('field.optional')}` : ''}
      </legend>
      <div className="local-pair">
        {langs.map((lang) => {
          const p = [...path, lang];
          const text = typeof value?.[lang] === 'string' ? (value[lang] as string) : '';
          const common = {
            id: fieldId(p),
            'data-path': pathText(p),
            value: text,
            lang,
            'aria-label': ts(lang === 'zh-CN' ? 'field.inZh' : 'field.inEn', { label }),
            ...invalid(problemsAt, p),
          };
          return (
            <div key={lang} className="local-one">
              <span aria-hidden="true" className="lang-tag">
                {ts(`lang.${lang}`)}
              </span>
              {multiline ? <textarea {...common} rows={3} onChange={(e) => change(lang, e.target.value)} /> : <input {...common} onChange={(e) => change(lang, e.target.value)} />}
              <FieldProblems path={p} />
            </div>
          );
        })}
      </div>
      <FieldProblems path={path} />
    </fieldset>
  );
}

/** A number; emptied, it is left out (a required one is then listed as missing). */
export function NumberField({ path, label, step }: { path: Path; label: string; optional?: boolean; step?: number }) {
  const { set, problemsAt } = useStudio();
  const value = useAt(path);
  const id = fieldId(path);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        data-path={pathText(path)}
        type="number"
        inputMode="decimal"
        step={step ?? 'any'}
        value={typeof value === 'number' ? String(value) : ''}
        onChange={(e) => set(path, e.target.value === '' ? undefined : Number(e.target.value))}
        {...invalid(problemsAt, path)}
      />
      <FieldProblems path={path} />
    </div>
  );
}

export function SelectField({ path, label, choices, optional }: { path: Path; label: string; choices: Choice[]; optional?: boolean }) {
  const { t: ts } = useStudioT();
  const { set, problemsAt } = useStudio();
  const value = useAt(path);
  const id = fieldId(path);
  const current = typeof value === 'string' ? value : '';
  const known = choices.some((c) => c.value === current);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} data-path={pathText(path)} value={current} onChange={(e) => set(path, e.target.value === '' && optional ? undefined : e.target.value)} {...invalid(problemsAt, path)}>
        {(optional || !current) && <option value="">{optional ? ts('field.none') : ts('field.choose')}</option>}
        {current && !known && <option value={current}>{ts('field.unknown', { value: current })}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <FieldProblems path={path} />
    </div>
  );
}

export function CheckField({ path, label }: { path: Path; label: string }) {
  const { set } = useStudio();
  const value = useAt(path);
  return (
    <div className="field check">
      <label>
        <input type="checkbox" id={fieldId(path)} data-path={pathText(path)} checked={value === true} onChange={(e) => set(path, e.target.checked)} /> {label}
      </label>
    </div>
  );
}

/** A list of ids (roles, tasks, injects, criteria) chosen by ticking. */
export function IdsField({ path, label, choices, optional }: { path: Path; label: string; choices: Choice[]; optional?: boolean }) {
  const { set, problemsAt } = useStudio();
  const value = useAt(path);
  const ids = Array.isArray(value) ? (value as string[]) : [];
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...ids, id] : ids.filter((x) => x !== id);
    set(path, next.length === 0 && optional ? undefined : next);
  };
  return (
    <fieldset className="field ids" data-path={pathText(path)} id={fieldId(path)} tabIndex={-1} {...invalid(problemsAt, path)}>
      <legend>{label}</legend>
      {choices.map((c) => (
        <label key={c.value} className="tick">
          <input type="checkbox" checked={ids.includes(c.value)} onChange={(e) => toggle(c.value, e.target.checked)} /> {c.label}
        </label>
      ))}
      {ids
        .filter((id) => !choices.some((c) => c.value === id))
        .map((id) => (
          <label key={id} className="tick">
            <input type="checkbox" checked onChange={() => toggle(id, false)} /> {id}
          </label>
        ))}
      <FieldProblems path={path} />
    </fieldset>
  );
}

/** A number, or (when the scenario has parameters) one of its parameters. */
export function AmountField({ path, label, optional }: { path: Path; label: string; optional?: boolean }) {
  const { t: ts } = useStudioT();
  const { set } = useStudio();
  const value = useAt(path);
  const params = useChoices(['parameters']);
  const param = value && typeof value === 'object' ? String((value as { param?: unknown }).param ?? '') : '';
  if (params.length === 0 && !param) return <NumberField path={path} label={label} optional={optional} />;
  const modeId = `${fieldId(path)}-mode`;
  return (
    <div className="field amount">
      <label htmlFor={modeId}>{ts('field.amountKind', { label })}</label>
      <select id={modeId} value={param ? 'param' : 'number'} onChange={(e) => set(path, e.target.value === 'param' ? { param: params[0]?.value ?? '' } : 0)}>
        <option value="number">{ts('field.aNumber')}</option>
        <option value="param">{ts('field.aParameter')}</option>
      </select>
      {param ? <SelectField path={[...path, 'param']} label={label} choices={params} /> : <NumberField path={path} label={label} optional={optional} />}
    </div>
  );
}

/** Texts in both languages, one per line of a list (objectives). */
export function LocalListField({ path, label, itemLabel }: { path: Path; label: string; itemLabel: string }) {
  const { t: ts } = useStudioT();
  const { set, problemsAt } = useStudio();
  const value = useAt(path);
  const items = Array.isArray(value) ? value : [];
  return (
    <fieldset className="field list" data-path={pathText(path)} id={fieldId(path)} tabIndex={-1} {...invalid(problemsAt, path)}>
      <legend>{label}</legend>
      {items.map((_, i) => (
        <div key={i} className="list-row">
          <LocalField path={[...path, i]} label={`${itemLabel} ${i + 1}`} />
          <button type="button" onClick={() => set([...path, i], undefined)} aria-label={ts('list.removeNamed', { name: `${itemLabel} ${i + 1}` })}>
            {ts('list.remove')}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => set(path, [...items, { 'zh-CN': '', en: '' }])}>
        {ts('list.addNamed', { name: itemLabel })}
      </button>
      <FieldProblems path={path} />
    </fieldset>
  );
}

export const phaseChoices = (ts: (k: string) => string): Choice[] => PHASES.map((p) => ({ value: p, label: ts(`phase.${p}`) }));

const CONDITION_TYPES = ['done', 'on-time', 'chose', 'fired', 'phase', 'time', 'flag', 'var', 'rated', 'all', 'any', 'not'] as const;
type ConditionType = (typeof CONDITION_TYPES)[number];

function newCondition(type: ConditionType, firstTask: string, firstInject: string): Record<string, unknown> {
  switch (type) {
    case 'all':
    case 'any':
      return { type, of: [{ type: 'done', task: firstTask }] };
    case 'not':
      return { type, of: { type: 'done', task: firstTask } };
    case 'var':
      return { type, var: '', cmp: '>=', value: 0 };
    case 'flag':
      return { type, flag: '' };
    case 'chose':
      return { type, task: firstTask, option: '' };
    case 'fired':
      return { type, inject: firstInject };
    case 'phase':
      return { type, atLeast: 'assess' };
    case 'rated':
      return { type, task: firstTask, atLeast: 'S' };
    case 'time':
      return { type, atLeast: 5 };
    default:
      return { type, task: firstTask };
  }
}

/** A condition, as a form: its kind, then what that kind needs (nested for all / any / not). */
export function ConditionField({ path, label, optional }: { path: Path; label: string; optional?: boolean }) {
  const { t: ts } = useStudioT();
  const { set, problemsAt } = useStudio();
  const value = useAt<Record<string, unknown>>(path);
  const tasks = useChoices(['tasks']);
  const injects = useChoices(['injects']);
  const textTasks = useChoices(['tasks'], (x) => x.kind === 'text');
  const choiceTasks = useChoices(['tasks'], (x) => x.kind === 'single' || x.kind === 'multiple');
  const vars = useChoices(['variables']);
  const flags = useChoices(['flags']);
  const type = typeof value?.type === 'string' ? (value.type as ConditionType) : '';
  const chosenTask = typeof value?.task === 'string' ? value.task : '';
  const options = useChoices(['tasks', Math.max(0, tasks.findIndex((x) => x.value === chosenTask)), 'options']);
  const typeId = `${fieldId(path)}-type`;
  const children: ReactNode[] = [];
  if (type === 'done' || type === 'on-time') children.push(<SelectField key="task" path={[...path, 'task']} label={ts('cond.task')} choices={tasks} />);
  if (type === 'chose') {
    children.push(<SelectField key="task" path={[...path, 'task']} label={ts('cond.task')} choices={choiceTasks} />);
    children.push(<SelectField key="option" path={[...path, 'option']} label={ts('cond.option')} choices={chosenTask ? options : []} />);
  }
  if (type === 'rated') {
    children.push(<SelectField key="task" path={[...path, 'task']} label={ts('cond.task')} choices={textTasks} />);
    children.push(<SelectField key="at" path={[...path, 'atLeast']} label={ts('cond.rating')} choices={RATINGS.map((r) => ({ value: r, label: ts(`rating.${r}`) }))} />);
  }
  if (type === 'fired') children.push(<SelectField key="inject" path={[...path, 'inject']} label={ts('cond.inject')} choices={injects} />);
  if (type === 'phase') children.push(<SelectField key="phase" path={[...path, 'atLeast']} label={ts('cond.phase')} choices={phaseChoices(ts)} />);
  if (type === 'flag') children.push(<SelectField key="flag" path={[...path, 'flag']} label={ts('cond.flag')} choices={flags} />);
  if (type === 'time') {
    children.push(<AmountField key="at" path={[...path, 'atLeast']} label={ts('cond.minutes')} />);
    children.push(<SelectField key="from" path={[...path, 'from']} label={ts('cond.from')} optional choices={['phase', 'drill'].map((v) => ({ value: v, label: ts(`from.${v}`) }))} />);
  }
  if (type === 'var') {
    children.push(<SelectField key="var" path={[...path, 'var']} label={ts('cond.var')} choices={vars} />);
    children.push(<SelectField key="cmp" path={[...path, 'cmp']} label={ts('cond.cmp')} choices={['<', '<=', '==', '!=', '>=', '>'].map((c) => ({ value: c, label: c }))} />);
    children.push(<AmountField key="value" path={[...path, 'value']} label={ts('cond.value')} />);
  }
  if (type === 'not') children.push(<ConditionField key="of" path={[...path, 'of']} label={ts('cond.notOf')} />);
  if (type === 'all' || type === 'any') {
    const of = Array.isArray(value?.of) ? (value.of as unknown[]) : [];
    of.forEach((_, i) =>
      children.push(
        <div key={`of-${i}`} className="list-row">
          <ConditionField path={[...path, 'of', i]} label={ts('cond.part', { n: i + 1 })} />
          <button type="button" onClick={() => set([...path, 'of', i], undefined)} aria-label={ts('list.removeNamed', { name: ts('cond.part', { n: i + 1 }) })}>
            {ts('list.remove')}
          </button>
        </div>,
      ),
    );
    children.push(
      <button key="add" type="button" onClick={() => set([...path, 'of'], [...of, newCondition('done', tasks[0]?.value ?? '', injects[0]?.value ?? '')])}>
        {ts('cond.addPart')}
      </button>,
    );
  }
  return (
    <fieldset className="field condition" data-path={pathText(path)} id={fieldId(path)} tabIndex={-1} {...invalid(problemsAt, path)}>
      <legend>{label}</legend>
      <label htmlFor={typeId}>{ts('cond.type')}</label>
      <select
        id={typeId}
        value={type}
        onChange={(e) => set(path, e.target.value === '' ? undefined : newCondition(e.target.value as ConditionType, tasks[0]?.value ?? '', injects[0]?.value ?? ''))}
      >
        {(optional || !type) && <option value="">{optional ? ts('cond.none') : ts('field.choose')}</option>}
        {CONDITION_TYPES.map((c) => (
          <option key={c} value={c}>
            {ts(`cond.types.${c}`)}
          </option>
        ))}
      </select>
      {children}
      <FieldProblems path={path} />
    </fieldset>
  );
}

const EFFECT_TYPES = ['add', 'set', 'flag', 'fire', 'cancel'] as const;

/** Consequences: add to or set a variable, set a flag, fire or cancel an inject. */
export function EffectsField({ path, label }: { path: Path; label: string }) {
  const { t: ts } = useStudioT();
  const { set, problemsAt } = useStudio();
  const value = useAt(path);
  const effects = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  const vars = useChoices(['variables']);
  const flags = useChoices(['flags']);
  const injects = useChoices(['injects']);
  const fresh = (type: string): Record<string, unknown> =>
    type === 'add' || type === 'set'
      ? { type, var: vars[0]?.value ?? '', value: 0 }
      : type === 'flag'
        ? { type, flag: flags[0]?.value ?? '', value: true }
        : type === 'fire'
          ? { type, inject: injects[0]?.value ?? '', delay: 0 }
          : { type, inject: injects[0]?.value ?? '' };
  return (
    <fieldset className="field effects" data-path={pathText(path)} id={fieldId(path)} tabIndex={-1} {...invalid(problemsAt, path)}>
      <legend>{label}</legend>
      {effects.map((e, i) => {
        const p = [...path, i];
        const name = ts('effect.n', { n: i + 1 });
        return (
          <div key={i} className="list-row effect" data-path={pathText(p)}>
            <SelectField path={[...p, 'type']} label={name} choices={EFFECT_TYPES.map((x) => ({ value: x, label: ts(`effect.types.${x}`) }))} />
            {(e.type === 'add' || e.type === 'set') && (
              <>
                <SelectField path={[...p, 'var']} label={ts('cond.var')} choices={vars} />
                <AmountField path={[...p, 'value']} label={ts('cond.value')} />
              </>
            )}
            {e.type === 'flag' && (
              <>
                <SelectField path={[...p, 'flag']} label={ts('cond.flag')} choices={flags} />
                <CheckField path={[...p, 'value']} label={ts('effect.flagOn')} />
              </>
            )}
            {(e.type === 'fire' || e.type === 'cancel') && <SelectField path={[...p, 'inject']} label={ts('cond.inject')} choices={injects} />}
            {e.type === 'fire' && <AmountField path={[...p, 'delay']} label={ts('effect.delay')} optional />}
            <button type="button" onClick={() => set(p, undefined)} aria-label={ts('list.removeNamed', { name })}>
              {ts('list.remove')}
            </button>
          </div>
        );
      })}
      <label className="studio-sr-only" htmlFor={`${fieldId(path)}-add`}>
        {ts('effect.add')}
      </label>
      <select id={`${fieldId(path)}-add`} value="" onChange={(e) => e.target.value && set(path, [...effects, fresh(e.target.value)])}>
        <option value="">{ts('effect.add')}</option>
        {EFFECT_TYPES.map((x) => (
          <option key={x} value={x}>
            {ts(`effect.types.${x}`)}
          </option>
        ))}
      </select>
      <FieldProblems path={path} />
    </fieldset>
  );
}

/** A list of items with one open at a time: the list to choose from, add and remove, then the open item's form. */
export function ItemList({
  list,
  label,
  itemName,
  make,
  children,
}: {
  list: string;
  label: string;
  itemName: string;
  make: (items: unknown[]) => Record<string, unknown>;
  children: (index: number) => ReactNode;
}) {
  const { t: ts } = useStudioT();
  const { set, lang, selected, select } = useStudio();
  const value = useAt([list]);
  const items = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  const open = Math.min(selected[list] ?? 0, items.length - 1);
  const nameOf = (x: Record<string, unknown>, i: number) => {
    const named = (x?.title ?? x?.name ?? x?.label) as Record<string, unknown> | undefined;
    const text = named && typeof named[lang] === 'string' && named[lang] ? (named[lang] as string) : typeof x?.id === 'string' ? x.id : '';
    return `${i + 1}. ${text}`;
  };
  return (
    <div className="item-list">
      <nav aria-label={label} className="item-index">
        <ul>
          {items.map((x, i) => (
            <li key={i}>
              <button type="button" aria-current={i === open ? 'true' : undefined} onClick={() => select(list, i)}>
                {nameOf(x, i)}
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="primary"
          onClick={() => {
            set([list], [...items, make(items)]);
            select(list, items.length);
          }}
        >
          {ts('list.addNamed', { name: itemName })}
        </button>
      </nav>
      {open >= 0 && items[open] !== undefined && (
        <section className="item-detail" aria-label={nameOf(items[open], open)}>
          {children(open)}
          <p>
            <button
              type="button"
              className="danger"
              onClick={() => {
                set([list, open], undefined);
                select(list, Math.max(0, open - 1));
              }}
            >
              {ts('list.removeNamed', { name: nameOf(items[open], open) })}
            </button>
          </p>
        </section>
      )}
    </div>
  );
}

export { freshId };
