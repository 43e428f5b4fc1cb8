/** The studio's forms, one per part of a scenario, in the trainer's language; every text in both languages side by side. */
import { CATEGORIES, CHANNELS, LEVELS, PHASES } from '../../engine';
import { freshId, useAt, useChoices, useStudio, useStudioT } from './context';
import {
  AmountField,
  CheckField,
  ConditionField,
  EffectsField,
  IdsField,
  ItemList,
  LocalField,
  LocalListField,
  NumberField,
  SelectField,
  TextField,
  phaseChoices,
} from './fields';
import type { Path } from './paths';

const empty = () => ({ 'zh-CN': '', en: '' });
type T = (key: string, o?: Record<string, unknown>) => string;
const choicesOf = (ts: T, group: string, values: readonly string[]) => values.map((v) => ({ value: v, label: ts(`${group}.${v}`) }));

export function MetaForm() {
  const { t: ts } = useStudioT();
  const players = useChoices(['roles'], (r) => r.kind === 'player');
  return (
    <div className="form-grid">
      <h3>{ts('meta.about')}</h3>
      <LocalField path={['title']} label={ts('fields.title')} />
      <LocalField path={['summary']} label={ts('fields.summary')} multiline />
      <LocalListField path={['objectives']} label={ts('fields.objectives')} itemLabel={ts('meta.objective')} />
      <TextField path={['id']} label={ts('fields.id')} hint="my-drill" />
      <TextField path={['version']} label={ts('fields.version')} hint="1.0.0" />
      <FormatField />
      <SelectField path={['category']} label={ts('fields.category')} choices={choicesOf(ts, 'category', CATEGORIES)} />
      <SelectField path={['difficulty']} label={ts('fields.difficulty')} choices={choicesOf(ts, 'difficulty', ['basic', 'intermediate', 'advanced'])} />
      <NumberField path={['durationMinutes']} label={ts('fields.durationMinutes')} step={1} />
      <SelectField path={['leader']} label={ts('fields.leader')} choices={players} optional />
      <h3>{ts('meta.story')}</h3>
      <TextField path={['storyClock']} label={ts('fields.storyClock')} hint="09:00" optional />
      <ParametersForm />
      <VariablesForm />
      <FlagsForm />
    </div>
  );
}

/** The file format's version: 2 (what the studio writes), or 1 for an old file left as it was. */
function FormatField() {
  const { t: ts } = useStudioT();
  const { set, problemsAt } = useStudio();
  const value = useAt(['format']);
  const found = problemsAt(['format']);
  return (
    <div className="field">
      <label htmlFor="sf-format">{ts('fields.format')}</label>
      <select
        id="sf-format"
        data-path="$.format"
        value={value === 1 || value === 2 ? String(value) : ''}
        onChange={(e) => set(['format'], e.target.value ? Number(e.target.value) : undefined)}
        {...(found.length ? { 'aria-invalid': true, 'aria-describedby': 'sf-format-problem' } : {})}
      >
        <option value="">{ts('format.none')}</option>
        <option value="1">{ts('format.one')}</option>
        <option value="2">{ts('format.two')}</option>
      </select>
      {found.length > 0 && (
        <span id="sf-format-problem" className="field-problem">
          {found.join(' ')}
        </span>
      )}
    </div>
  );
}

function SmallList({ list, label, itemName, make, row }: { list: string; label: string; itemName: string; make: (items: unknown[]) => Record<string, unknown>; row: (p: Path) => React.ReactNode }) {
  const { t: ts } = useStudioT();
  const { set } = useStudio();
  const value = useAt([list]);
  const items = Array.isArray(value) ? value : [];
  return (
    <fieldset className="field list" data-path={`$.${list}`}>
      <legend>{label}</legend>
      {items.map((_, i) => (
        <div key={i} className="list-row boxed">
          {row([list, i])}
          <button type="button" onClick={() => set([list, i], undefined)} aria-label={ts('list.removeNamed', { name: `${itemName} ${i + 1}` })}>
            {ts('list.remove')}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => set([list], [...items, make(items)])}>
        {ts('list.addNamed', { name: itemName })}
      </button>
    </fieldset>
  );
}

function ParametersForm() {
  const { t: ts } = useStudioT();
  return (
    <SmallList
      list="parameters"
      label={ts('fields.parameters')}
      itemName={ts('meta.parameter')}
      make={(items) => ({ id: freshId(items, 'param'), label: empty(), value: 10, unit: { 'zh-CN': '分钟', en: 'minutes' } })}
      row={(p) => (
        <>
          <TextField path={[...p, 'id']} label={ts('fields.id')} />
          <LocalField path={[...p, 'label']} label={ts('fields.label')} />
          <NumberField path={[...p, 'value']} label={ts('fields.value')} />
          <NumberField path={[...p, 'min']} label={ts('fields.min')} optional />
          <NumberField path={[...p, 'max']} label={ts('fields.max')} optional />
          <LocalField path={[...p, 'unit']} label={ts('fields.unit')} />
        </>
      )}
    />
  );
}

function VariablesForm() {
  const { t: ts } = useStudioT();
  return (
    <SmallList
      list="variables"
      label={ts('fields.variables')}
      itemName={ts('meta.variable')}
      make={(items) => ({ id: freshId(items, 'var'), label: empty(), initial: 0, min: 0, max: 100, public: false })}
      row={(p) => (
        <>
          <TextField path={[...p, 'id']} label={ts('fields.id')} />
          <LocalField path={[...p, 'label']} label={ts('fields.label')} />
          <NumberField path={[...p, 'initial']} label={ts('fields.initial')} />
          <NumberField path={[...p, 'min']} label={ts('fields.min')} />
          <NumberField path={[...p, 'max']} label={ts('fields.max')} />
          <CheckField path={[...p, 'public']} label={ts('fields.publicGauge')} />
        </>
      )}
    />
  );
}

function FlagsForm() {
  const { t: ts } = useStudioT();
  return (
    <SmallList
      list="flags"
      label={ts('fields.flags')}
      itemName={ts('meta.flag')}
      make={(items) => ({ id: freshId(items, 'flag'), label: empty() })}
      row={(p) => (
        <>
          <TextField path={[...p, 'id']} label={ts('fields.id')} />
          <LocalField path={[...p, 'label']} label={ts('fields.label')} />
        </>
      )}
    />
  );
}

export function RolesForm() {
  const { t: ts } = useStudioT();
  return (
    <ItemList
      list="roles"
      label={ts('tabs.roles')}
      itemName={ts('roles.one')}
      make={(items) => ({ id: freshId(items, 'role'), kind: 'player', name: empty(), department: empty(), level: 'sub-branch', briefing: { public: empty() } })}
    >
      {(i) => (
        <div className="form-grid">
          <TextField path={['roles', i, 'id']} label={ts('fields.id')} />
          <SelectField path={['roles', i, 'kind']} label={ts('fields.kind')} choices={choicesOf(ts, 'roleKind', ['player', 'simulated'])} />
          <LocalField path={['roles', i, 'name']} label={ts('fields.name')} />
          <LocalField path={['roles', i, 'department']} label={ts('fields.department')} />
          <SelectField path={['roles', i, 'level']} label={ts('fields.level')} choices={choicesOf(ts, 'level', LEVELS)} />
          <LocalField path={['roles', i, 'briefing', 'public']} label={ts('fields.briefingPublic')} multiline />
          <LocalField path={['roles', i, 'briefing', 'private']} label={ts('fields.briefingPrivate')} multiline optional />
        </div>
      )}
    </ItemList>
  );
}

export function PhasesForm() {
  const { t: ts } = useStudioT();
  const { selected, select } = useStudio();
  const open = selected.phases ?? 0;
  return (
    <div className="item-list">
      <nav aria-label={ts('tabs.phases')} className="item-index">
        <ul>
          {PHASES.map((p, i) => (
            <li key={p}>
              <button type="button" aria-current={i === open ? 'true' : undefined} onClick={() => select('phases', i)}>
                {i + 1}. {ts(`phase.${p}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <section className="item-detail form-grid" aria-label={ts(`phase.${PHASES[open] ?? 'report'}`)}>
        <LocalField path={['phases', open, 'title']} label={ts('fields.title')} />
        <LocalListField path={['phases', open, 'objectives']} label={ts('fields.objectives')} itemLabel={ts('meta.objective')} />
        <NumberField path={['phases', open, 'timebox']} label={ts('fields.timebox')} optional />
        <ConditionField path={['phases', open, 'exit', 'when']} label={ts('fields.exitWhen')} optional />
        <CheckField path={['phases', open, 'exit', 'auto']} label={ts('fields.exitAuto')} />
      </section>
    </div>
  );
}

const TRIGGERS = ['time', 'condition', 'missed', 'manual'] as const;

function TriggerField({ path }: { path: Path }) {
  const { t: ts } = useStudioT();
  const { set } = useStudio();
  const trigger = useAt<Record<string, unknown>>(path);
  const tasks = useChoices(['tasks']);
  const type = typeof trigger?.type === 'string' ? trigger.type : '';
  const fresh = (kind: string) =>
    kind === 'time' ? { type: kind, at: 1 } : kind === 'condition' ? { type: kind, when: { type: 'done', task: tasks[0]?.value ?? '' } } : kind === 'missed' ? { type: kind, task: tasks[0]?.value ?? '' } : { type: kind };
  const typeId = `trigger-${path.join('-')}`;
  return (
    <fieldset className="field trigger" data-path={`$.${path.join('.')}`}>
      <legend>{ts('fields.trigger')}</legend>
      <label htmlFor={typeId}>{ts('inject.triggerType')}</label>
      <select id={typeId} value={type} onChange={(e) => set(path, fresh(e.target.value))}>
        {TRIGGERS.map((k) => (
          <option key={k} value={k}>
            {ts(`trigger.${k}`)}
          </option>
        ))}
      </select>
      {type === 'time' && (
        <>
          <AmountField path={[...path, 'at']} label={ts('fields.at')} />
          <SelectField path={[...path, 'from']} label={ts('cond.from')} optional choices={['phase', 'drill'].map((v) => ({ value: v, label: ts(`from.${v}`) }))} />
        </>
      )}
      {type === 'condition' && (
        <>
          <ConditionField path={[...path, 'when']} label={ts('fields.when')} />
          <AmountField path={[...path, 'delay']} label={ts('effect.delay')} optional />
        </>
      )}
      {type === 'missed' && <SelectField path={[...path, 'task']} label={ts('cond.task')} choices={tasks} />}
      <ConditionField path={[...path, 'unless']} label={ts('fields.unless')} optional />
    </fieldset>
  );
}

export function InjectsForm() {
  const { t: ts } = useStudioT();
  const { set } = useStudio();
  const roles = useChoices(['roles']);
  return (
    <ItemList
      list="injects"
      label={ts('tabs.injects')}
      itemName={ts('inject.one')}
      make={(items) => ({
        id: freshId(items, 'inject'),
        phase: 'report',
        trigger: { type: 'time', at: 1 },
        channel: 'phone',
        from: roles.find((r) => r.value)?.value ?? '',
        to: 'all',
        public: false,
        title: empty(),
        content: empty(),
        effects: [],
      })}
    >
      {(i) => (
        <InjectDetail i={i} roles={roles} onAll={(all) => set(['injects', i, 'to'], all ? 'all' : [])} />
      )}
    </ItemList>
  );
}

function InjectDetail({ i, roles, onAll }: { i: number; roles: { value: string; label: string }[]; onAll: (all: boolean) => void }) {
  const { t: ts } = useStudioT();
  const to = useAt(['injects', i, 'to']);
  return (
    <div className="form-grid">
      <TextField path={['injects', i, 'id']} label={ts('fields.id')} />
      <SelectField path={['injects', i, 'phase']} label={ts('fields.phase')} choices={phaseChoices(ts)} />
      <TriggerField path={['injects', i, 'trigger']} />
      <SelectField path={['injects', i, 'channel']} label={ts('fields.channel')} choices={choicesOf(ts, 'channel', CHANNELS)} />
      <SelectField path={['injects', i, 'from']} label={ts('fields.from')} choices={roles} />
      <div className="field check">
        <label>
          <input type="checkbox" checked={to === 'all'} onChange={(e) => onAll(e.target.checked)} /> {ts('inject.toAll')}
        </label>
      </div>
      {to !== 'all' && <IdsField path={['injects', i, 'to']} label={ts('fields.to')} choices={roles} />}
      <CheckField path={['injects', i, 'public']} label={ts('fields.public')} />
      <LocalField path={['injects', i, 'title']} label={ts('fields.title')} />
      <LocalField path={['injects', i, 'content']} label={ts('fields.content')} multiline />
      <LocalField path={['injects', i, 'expectedAction']} label={ts('fields.expectedAction')} multiline optional />
      <TextField path={['injects', i, 'image']} label={ts('fields.image')} hint="images/crowd.svg" optional />
      <EffectsField path={['injects', i, 'effects']} label={ts('fields.effects')} />
      <VariantsField path={['injects', i, 'variants']} />
      <CheckField path={['injects', i, 'playable']} label={ts('fields.playable')} />
    </div>
  );
}

/** Texts that depend on the story: the first variant whose condition holds when the inject fires is read instead. */
function VariantsField({ path }: { path: Path }) {
  const { t: ts } = useStudioT();
  const { set } = useStudio();
  const value = useAt(path);
  const tasks = useChoices(['tasks']);
  const variants = Array.isArray(value) ? value : [];
  return (
    <fieldset className="field list" data-path={`$.${path.join('.')}`}>
      <legend>{ts('fields.variants')}</legend>
      {variants.map((_, j) => {
        const name = ts('inject.variant', { n: j + 1 });
        return (
          <div key={j} className="list-row boxed" role="group" aria-label={name}>
            <ConditionField path={[...path, j, 'when']} label={ts('inject.variantWhen', { n: j + 1 })} />
            <LocalField path={[...path, j, 'title']} label={ts('inject.variantTitle', { n: j + 1 })} />
            <LocalField path={[...path, j, 'content']} label={ts('inject.variantContent', { n: j + 1 })} multiline />
            <button type="button" onClick={() => set(variants.length === 1 ? path : [...path, j], undefined)} aria-label={ts('list.removeNamed', { name })}>
              {ts('list.remove')}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => set(path, [...variants, { when: { type: 'done', task: tasks[0]?.value ?? '' }, title: empty(), content: empty() }])}>
        {ts('list.addNamed', { name: ts('inject.aVariant') })}
      </button>
    </fieldset>
  );
}

const TASK_KINDS = ['single', 'multiple', 'checklist', 'text'] as const;

export function TasksForm() {
  const { t: ts } = useStudioT();
  const players = useChoices(['roles'], (r) => r.kind === 'player');
  return (
    <ItemList
      list="tasks"
      label={ts('tabs.tasks')}
      itemName={ts('task.one')}
      make={(items) => ({
        id: freshId(items, 'task'),
        kind: 'single',
        title: empty(),
        prompt: empty(),
        roles: players[0] ? [players[0].value] : [],
        phase: 'report',
        deadline: 10,
        options: [
          { id: 'option-1', label: empty(), score: 1, effects: [], feedback: empty() },
          { id: 'option-2', label: empty(), score: 0, effects: [], feedback: empty() },
        ],
        missedFeedback: empty(),
      })}
    >
      {(i) => <TaskDetail i={i} players={players} />}
    </ItemList>
  );
}

function TaskDetail({ i, players }: { i: number; players: { value: string; label: string }[] }) {
  const { t: ts } = useStudioT();
  const { set } = useStudio();
  const task = useAt<Record<string, unknown>>(['tasks', i]) ?? {};
  const kind = String(task.kind ?? '');
  const p: Path = ['tasks', i];
  const changeKind = (next: string) => {
    const { options: _o, items: _i, guidance: _g, feedback: _f, effects: _e, ...base } = task;
    const two = (mk: (n: number) => Record<string, unknown>) => [mk(1), mk(2)];
    const extra =
      next === 'single' || next === 'multiple'
        ? { options: Array.isArray(task.options) ? task.options : two((n) => ({ id: `option-${n}`, label: empty(), score: n === 1 ? 1 : 0, effects: [], feedback: empty() })) }
        : next === 'checklist'
          ? { items: two((n) => ({ id: `item-${n}`, label: empty(), weight: 1, feedback: empty() })), effects: [] }
          : { guidance: empty(), feedback: { P: empty(), S: empty(), M: empty(), U: empty() }, effects: [] };
    set(p, { ...base, kind: next, ...extra });
  };
  const kindId = `task-kind-${i}`;
  return (
    <div className="form-grid">
      <TextField path={[...p, 'id']} label={ts('fields.id')} />
      <div className="field">
        <label htmlFor={kindId}>{ts('fields.kind')}</label>
        <select id={kindId} data-path={`$.tasks[${i}].kind`} value={kind} onChange={(e) => changeKind(e.target.value)}>
          {TASK_KINDS.map((k) => (
            <option key={k} value={k}>
              {ts(`taskKind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <LocalField path={[...p, 'title']} label={ts('fields.title')} />
      <LocalField path={[...p, 'prompt']} label={ts('fields.prompt')} multiline />
      <IdsField path={[...p, 'roles']} label={ts('fields.roles')} choices={players} />
      <SelectField path={[...p, 'phase']} label={ts('fields.phase')} choices={phaseChoices(ts)} />
      <DeadlineField path={[...p, 'deadline']} />
      <LocalField path={[...p, 'rule']} label={ts('fields.rule')} optional />
      <CheckField path={[...p, 'required']} label={ts('fields.required')} />
      <CheckField path={[...p, 'branch']} label={ts('fields.branch')} />
      <NumberField path={[...p, 'weight']} label={ts('fields.weight')} optional />
      <ConditionField path={[...p, 'availableWhen']} label={ts('fields.availableWhen')} optional />
      <IdsField path={[...p, 'signoff']} label={ts('fields.signoff')} choices={players} optional />
      {(kind === 'single' || kind === 'multiple') && <OptionsField path={[...p, 'options']} />}
      {kind === 'checklist' && <ChecklistField path={[...p, 'items']} />}
      {kind === 'text' && (
        <>
          <LocalField path={[...p, 'guidance']} label={ts('fields.guidance')} multiline />
          {(['P', 'S', 'M', 'U'] as const).map((r) => (
            <LocalField key={r} path={[...p, 'feedback', r]} label={ts('task.feedbackFor', { rating: ts(`rating.${r}`) })} multiline />
          ))}
        </>
      )}
      {kind !== 'single' && kind !== 'multiple' && <EffectsField path={[...p, 'effects']} label={ts('fields.effects')} />}
      <LocalField path={[...p, 'missedFeedback']} label={ts('fields.missedFeedback')} multiline />
    </div>
  );
}

function DeadlineField({ path }: { path: Path }) {
  const { t: ts } = useStudioT();
  const { set } = useStudio();
  const value = useAt(path);
  const mode = value === undefined ? 'none' : value && typeof value === 'object' && 'by' in value ? 'end' : value && typeof value === 'object' && 'within' in value ? 'drill' : 'open';
  const id = `deadline-${path.join('-')}`;
  return (
    <fieldset className="field deadline" data-path={`$.${path.join('.')}`}>
      <legend>{ts('fields.deadline')}</legend>
      <label htmlFor={id}>{ts('deadline.kind')}</label>
      <select
        id={id}
        value={mode}
        onChange={(e) => set(path, e.target.value === 'none' ? undefined : e.target.value === 'end' ? { by: 'end' } : e.target.value === 'drill' ? { within: 30, from: 'drill' } : 10)}
      >
        {['none', 'open', 'drill', 'end'].map((m) => (
          <option key={m} value={m}>
            {ts(`deadline.${m}`)}
          </option>
        ))}
      </select>
      {mode === 'open' && <AmountField path={path} label={ts('deadline.minutesAfterOpen')} />}
      {mode === 'drill' && <AmountField path={[...path, 'within']} label={ts('deadline.minutesAfterStart')} />}
    </fieldset>
  );
}

function OptionsField({ path }: { path: Path }) {
  const { t: ts } = useStudioT();
  const { set } = useStudio();
  const value = useAt(path);
  const options = Array.isArray(value) ? value : [];
  return (
    <fieldset className="field list" data-path={`$.${path.join('.')}`}>
      <legend>{ts('fields.options')}</legend>
      {options.map((_, j) => {
        const name = ts('task.option', { n: j + 1 });
        return (
          <div key={j} className="list-row boxed" role="group" aria-label={name}>
            <TextField path={[...path, j, 'id']} label={ts('task.optionId', { n: j + 1 })} />
            <LocalField path={[...path, j, 'label']} label={ts('task.optionLabel', { n: j + 1 })} />
            <NumberField path={[...path, j, 'score']} label={ts('task.optionScore', { n: j + 1 })} step={0.1} />
            <LocalField path={[...path, j, 'feedback']} label={ts('task.optionFeedback', { n: j + 1 })} multiline />
            <ConditionField path={[...path, j, 'availableWhen']} label={ts('fields.offeredWhen')} optional />
            <EffectsField path={[...path, j, 'effects']} label={ts('fields.effects')} />
            <button type="button" onClick={() => set([...path, j], undefined)} aria-label={ts('list.removeNamed', { name })}>
              {ts('list.remove')}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => set(path, [...options, { id: freshId(options, 'option'), label: empty(), score: 0, effects: [], feedback: empty() }])}>
        {ts('list.addNamed', { name: ts('task.anOption') })}
      </button>
    </fieldset>
  );
}

function ChecklistField({ path }: { path: Path }) {
  const { t: ts } = useStudioT();
  const { set } = useStudio();
  const value = useAt(path);
  const items = Array.isArray(value) ? value : [];
  return (
    <fieldset className="field list" data-path={`$.${path.join('.')}`}>
      <legend>{ts('fields.items')}</legend>
      {items.map((_, j) => {
        const name = ts('task.item', { n: j + 1 });
        return (
          <div key={j} className="list-row boxed" role="group" aria-label={name}>
            <TextField path={[...path, j, 'id']} label={ts('task.itemId', { n: j + 1 })} />
            <LocalField path={[...path, j, 'label']} label={ts('task.itemLabel', { n: j + 1 })} />
            <NumberField path={[...path, j, 'weight']} label={ts('task.itemWeight', { n: j + 1 })} />
            <LocalField path={[...path, j, 'feedback']} label={ts('task.itemFeedback', { n: j + 1 })} multiline />
            <button type="button" onClick={() => set([...path, j], undefined)} aria-label={ts('list.removeNamed', { name })}>
              {ts('list.remove')}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => set(path, [...items, { id: freshId(items, 'item'), label: empty(), weight: -1, feedback: empty() }])}>
        {ts('list.addNamed', { name: ts('task.anItem') })}
      </button>
    </fieldset>
  );
}

const MEASURES = ['quality', 'timeliness', 'variable', 'condition', 'avoided', 'coverage'] as const;

function MeasuresField({ path }: { path: Path }) {
  const { t: ts } = useStudioT();
  const { set } = useStudio();
  const value = useAt(path);
  const measures = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  const tasks = useChoices(['tasks']);
  const injects = useChoices(['injects']);
  const vars = useChoices(['variables']);
  const fresh = (type: string): Record<string, unknown> =>
    type === 'quality' || type === 'timeliness'
      ? { type, tasks: tasks[0] ? [tasks[0].value] : [] }
      : type === 'variable'
        ? { type, var: vars[0]?.value ?? '', best: 0, worst: 100 }
        : type === 'condition'
          ? { type, when: { type: 'done', task: tasks[0]?.value ?? '' } }
          : type === 'avoided'
            ? { type, injects: injects[0] ? [injects[0].value] : [] }
            : { type };
  const addId = `add-measure-${path.join('-')}`;
  return (
    <fieldset className="field list" data-path={`$.${path.join('.')}`} id={`sf-${path.join('.')}`} tabIndex={-1}>
      <legend>{ts('fields.measures')}</legend>
      {measures.map((m, j) => {
        const p = [...path, j];
        const name = ts('rubric.measure', { n: j + 1, type: ts(`measure.${String(m.type)}`) });
        return (
          <div key={j} className="list-row boxed" role="group" aria-label={name}>
            <strong>{name}</strong>
            {(m.type === 'quality' || m.type === 'timeliness') && <IdsField path={[...p, 'tasks']} label={ts('fields.tasks')} choices={tasks} />}
            {m.type === 'variable' && (
              <>
                <SelectField path={[...p, 'var']} label={ts('cond.var')} choices={vars} />
                <NumberField path={[...p, 'best']} label={ts('fields.best')} />
                <NumberField path={[...p, 'worst']} label={ts('fields.worst')} />
              </>
            )}
            {m.type === 'condition' && <ConditionField path={[...p, 'when']} label={ts('fields.when')} />}
            {m.type === 'avoided' && <IdsField path={[...p, 'injects']} label={ts('fields.injects')} choices={injects} />}
            <NumberField path={[...p, 'weight']} label={ts('fields.weight')} optional />
            <button type="button" onClick={() => set(p, undefined)} aria-label={ts('list.removeNamed', { name })}>
              {ts('list.remove')}
            </button>
          </div>
        );
      })}
      <label htmlFor={addId}>{ts('rubric.addMeasure')}</label>
      <select id={addId} value="" onChange={(e) => e.target.value && set(path, [...measures, fresh(e.target.value)])}>
        <option value="">{ts('field.choose')}</option>
        {MEASURES.map((m) => (
          <option key={m} value={m}>
            {ts(`measure.${m}`)}
          </option>
        ))}
      </select>
    </fieldset>
  );
}

export function RubricForm() {
  const { t: ts } = useStudioT();
  return (
    <>
      <h3>{ts('rubric.criteria')}</h3>
      <ItemList
        list="rubric"
        label={ts('rubric.criteria')}
        itemName={ts('rubric.one')}
        make={(items) => ({ id: freshId(items, 'criterion'), title: empty(), description: empty(), weight: 20, measures: [], improvement: empty() })}
      >
        {(i) => (
          <div className="form-grid">
            <TextField path={['rubric', i, 'id']} label={ts('fields.id')} />
            <LocalField path={['rubric', i, 'title']} label={ts('fields.title')} />
            <LocalField path={['rubric', i, 'description']} label={ts('fields.description')} multiline />
            <NumberField path={['rubric', i, 'weight']} label={ts('fields.weight')} />
            <MeasuresField path={['rubric', i, 'measures']} />
            <LocalField path={['rubric', i, 'improvement']} label={ts('fields.improvement')} multiline />
          </div>
        )}
      </ItemList>
      <h3>{ts('rubric.observations')}</h3>
      <ObservationsForm />
    </>
  );
}

function ObservationsForm() {
  const { t: ts } = useStudioT();
  const criteria = useChoices(['rubric']);
  const players = useChoices(['roles'], (r) => r.kind === 'player');
  return (
    <ItemList
      list="observations"
      label={ts('rubric.observations')}
      itemName={ts('rubric.observation')}
      make={(items) => ({ id: freshId(items, 'observation'), kind: 'good', label: empty(), criteria: criteria[0] ? [criteria[0].value] : [], effects: [], feedback: empty() })}
    >
      {(i) => (
        <div className="form-grid">
          <TextField path={['observations', i, 'id']} label={ts('fields.id')} />
          <SelectField path={['observations', i, 'kind']} label={ts('fields.kind')} choices={choicesOf(ts, 'obsKind', ['good', 'prohibited'])} />
          <LocalField path={['observations', i, 'label']} label={ts('fields.label')} />
          <IdsField path={['observations', i, 'criteria']} label={ts('fields.criteria')} choices={criteria} />
          <NumberField path={['observations', i, 'weight']} label={ts('fields.weight')} optional />
          <NumberField path={['observations', i, 'cap']} label={ts('fields.cap')} optional />
          <SelectField path={['observations', i, 'phase']} label={ts('fields.phase')} choices={phaseChoices(ts)} optional />
          <IdsField path={['observations', i, 'roles']} label={ts('fields.roles')} choices={players} optional />
          <EffectsField path={['observations', i, 'effects']} label={ts('fields.effects')} />
          <LocalField path={['observations', i, 'feedback']} label={ts('fields.feedback')} multiline />
        </div>
      )}
    </ItemList>
  );
}
