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
const choicesOf = (t: T, group: string, values: readonly string[]) => values.map((v) => ({ value: v, label: t(`${group}.${v}`) }));

export function MetaForm() {
  const { t } = useStudioT();
  const players = useChoices(['roles'], (r) => r.kind === 'player');
  return (
    <div className="form-grid">
      <h3>{t('meta.about')}</h3>
      <LocalField path={['title']} label={t('fields.title')} />
      <LocalField path={['summary']} label={t('fields.summary')} multiline />
      <LocalListField path={['objectives']} label={t('fields.objectives')} itemLabel={t('meta.objective')} />
      <TextField path={['id']} label={t('fields.id')} hint="my-drill" />
      <TextField path={['version']} label={t('fields.version')} hint="1.0.0" />
      <SelectField path={['category']} label={t('fields.category')} choices={choicesOf(t, 'category', CATEGORIES)} />
      <SelectField path={['difficulty']} label={t('fields.difficulty')} choices={choicesOf(t, 'difficulty', ['basic', 'intermediate', 'advanced'])} />
      <NumberField path={['durationMinutes']} label={t('fields.durationMinutes')} step={1} />
      <SelectField path={['leader']} label={t('fields.leader')} choices={players} optional />
      <h3>{t('meta.story')}</h3>
      <TextField path={['storyClock']} label={t('fields.storyClock')} hint="09:00" optional />
      <ParametersForm />
      <VariablesForm />
      <FlagsForm />
    </div>
  );
}

function SmallList({ list, label, itemName, make, row }: { list: string; label: string; itemName: string; make: (items: unknown[]) => Record<string, unknown>; row: (p: Path) => React.ReactNode }) {
  const { t } = useStudioT();
  const { set } = useStudio();
  const value = useAt([list]);
  const items = Array.isArray(value) ? value : [];
  return (
    <fieldset className="field list" data-path={`$.${list}`}>
      <legend>{label}</legend>
      {items.map((_, i) => (
        <div key={i} className="list-row boxed">
          {row([list, i])}
          <button type="button" onClick={() => set([list, i], undefined)} aria-label={t('list.removeNamed', { name: `${itemName} ${i + 1}` })}>
            {t('list.remove')}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => set([list], [...items, make(items)])}>
        {t('list.addNamed', { name: itemName })}
      </button>
    </fieldset>
  );
}

function ParametersForm() {
  const { t } = useStudioT();
  return (
    <SmallList
      list="parameters"
      label={t('fields.parameters')}
      itemName={t('meta.parameter')}
      make={(items) => ({ id: freshId(items, 'param'), label: empty(), value: 10, unit: { 'zh-CN': '分钟', en: 'minutes' } })}
      row={(p) => (
        <>
          <TextField path={[...p, 'id']} label={t('fields.id')} />
          <LocalField path={[...p, 'label']} label={t('fields.label')} />
          <NumberField path={[...p, 'value']} label={t('fields.value')} />
          <NumberField path={[...p, 'min']} label={t('fields.min')} optional />
          <NumberField path={[...p, 'max']} label={t('fields.max')} optional />
          <LocalField path={[...p, 'unit']} label={t('fields.unit')} />
        </>
      )}
    />
  );
}

function VariablesForm() {
  const { t } = useStudioT();
  return (
    <SmallList
      list="variables"
      label={t('fields.variables')}
      itemName={t('meta.variable')}
      make={(items) => ({ id: freshId(items, 'var'), label: empty(), initial: 0, min: 0, max: 100, public: false })}
      row={(p) => (
        <>
          <TextField path={[...p, 'id']} label={t('fields.id')} />
          <LocalField path={[...p, 'label']} label={t('fields.label')} />
          <NumberField path={[...p, 'initial']} label={t('fields.initial')} />
          <NumberField path={[...p, 'min']} label={t('fields.min')} />
          <NumberField path={[...p, 'max']} label={t('fields.max')} />
          <CheckField path={[...p, 'public']} label={t('fields.publicGauge')} />
        </>
      )}
    />
  );
}

function FlagsForm() {
  const { t } = useStudioT();
  return (
    <SmallList
      list="flags"
      label={t('fields.flags')}
      itemName={t('meta.flag')}
      make={(items) => ({ id: freshId(items, 'flag'), label: empty() })}
      row={(p) => (
        <>
          <TextField path={[...p, 'id']} label={t('fields.id')} />
          <LocalField path={[...p, 'label']} label={t('fields.label')} />
        </>
      )}
    />
  );
}

export function RolesForm() {
  const { t } = useStudioT();
  return (
    <ItemList
      list="roles"
      label={t('tabs.roles')}
      itemName={t('roles.one')}
      make={(items) => ({ id: freshId(items, 'role'), kind: 'player', name: empty(), department: empty(), level: 'sub-branch', briefing: { public: empty() } })}
    >
      {(i) => (
        <div className="form-grid">
          <TextField path={['roles', i, 'id']} label={t('fields.id')} />
          <SelectField path={['roles', i, 'kind']} label={t('fields.kind')} choices={choicesOf(t, 'roleKind', ['player', 'simulated'])} />
          <LocalField path={['roles', i, 'name']} label={t('fields.name')} />
          <LocalField path={['roles', i, 'department']} label={t('fields.department')} />
          <SelectField path={['roles', i, 'level']} label={t('fields.level')} choices={choicesOf(t, 'level', LEVELS)} />
          <LocalField path={['roles', i, 'briefing', 'public']} label={t('fields.briefingPublic')} multiline />
          <LocalField path={['roles', i, 'briefing', 'private']} label={t('fields.briefingPrivate')} multiline optional />
        </div>
      )}
    </ItemList>
  );
}

export function PhasesForm() {
  const { t } = useStudioT();
  const { selected, select } = useStudio();
  const open = selected.phases ?? 0;
  return (
    <div className="item-list">
      <nav aria-label={t('tabs.phases')} className="item-index">
        <ul>
          {PHASES.map((p, i) => (
            <li key={p}>
              <button type="button" aria-current={i === open ? 'true' : undefined} onClick={() => select('phases', i)}>
                {i + 1}. {t(`phase.${p}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <section className="item-detail form-grid" aria-label={t(`phase.${PHASES[open] ?? 'report'}`)}>
        <LocalField path={['phases', open, 'title']} label={t('fields.title')} />
        <LocalListField path={['phases', open, 'objectives']} label={t('fields.objectives')} itemLabel={t('meta.objective')} />
        <NumberField path={['phases', open, 'timebox']} label={t('fields.timebox')} optional />
        <ConditionField path={['phases', open, 'exit', 'when']} label={t('fields.exitWhen')} optional />
        <CheckField path={['phases', open, 'exit', 'auto']} label={t('fields.exitAuto')} />
      </section>
    </div>
  );
}

const TRIGGERS = ['time', 'condition', 'missed', 'manual'] as const;

function TriggerField({ path }: { path: Path }) {
  const { t } = useStudioT();
  const { set } = useStudio();
  const trigger = useAt<Record<string, unknown>>(path);
  const tasks = useChoices(['tasks']);
  const type = typeof trigger?.type === 'string' ? trigger.type : '';
  const fresh = (kind: string) =>
    kind === 'time' ? { type: kind, at: 1 } : kind === 'condition' ? { type: kind, when: { type: 'done', task: tasks[0]?.value ?? '' } } : kind === 'missed' ? { type: kind, task: tasks[0]?.value ?? '' } : { type: kind };
  const typeId = `trigger-${path.join('-')}`;
  return (
    <fieldset className="field trigger" data-path={`$.${path.join('.')}`}>
      <legend>{t('fields.trigger')}</legend>
      <label htmlFor={typeId}>{t('inject.triggerType')}</label>
      <select id={typeId} value={type} onChange={(e) => set(path, fresh(e.target.value))}>
        {TRIGGERS.map((k) => (
          <option key={k} value={k}>
            {t(`trigger.${k}`)}
          </option>
        ))}
      </select>
      {type === 'time' && (
        <>
          <AmountField path={[...path, 'at']} label={t('fields.at')} />
          <SelectField path={[...path, 'from']} label={t('cond.from')} optional choices={['phase', 'drill'].map((v) => ({ value: v, label: t(`from.${v}`) }))} />
        </>
      )}
      {type === 'condition' && (
        <>
          <ConditionField path={[...path, 'when']} label={t('fields.when')} />
          <AmountField path={[...path, 'delay']} label={t('effect.delay')} optional />
        </>
      )}
      {type === 'missed' && <SelectField path={[...path, 'task']} label={t('cond.task')} choices={tasks} />}
      <ConditionField path={[...path, 'unless']} label={t('fields.unless')} optional />
    </fieldset>
  );
}

export function InjectsForm() {
  const { t } = useStudioT();
  const { set } = useStudio();
  const roles = useChoices(['roles']);
  return (
    <ItemList
      list="injects"
      label={t('tabs.injects')}
      itemName={t('inject.one')}
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
  const { t } = useStudioT();
  const to = useAt(['injects', i, 'to']);
  return (
    <div className="form-grid">
      <TextField path={['injects', i, 'id']} label={t('fields.id')} />
      <SelectField path={['injects', i, 'phase']} label={t('fields.phase')} choices={phaseChoices(t)} />
      <TriggerField path={['injects', i, 'trigger']} />
      <SelectField path={['injects', i, 'channel']} label={t('fields.channel')} choices={choicesOf(t, 'channel', CHANNELS)} />
      <SelectField path={['injects', i, 'from']} label={t('fields.from')} choices={roles} />
      <div className="field check">
        <label>
          <input type="checkbox" checked={to === 'all'} onChange={(e) => onAll(e.target.checked)} /> {t('inject.toAll')}
        </label>
      </div>
      {to !== 'all' && <IdsField path={['injects', i, 'to']} label={t('fields.to')} choices={roles} />}
      <CheckField path={['injects', i, 'public']} label={t('fields.public')} />
      <LocalField path={['injects', i, 'title']} label={t('fields.title')} />
      <LocalField path={['injects', i, 'content']} label={t('fields.content')} multiline />
      <LocalField path={['injects', i, 'expectedAction']} label={t('fields.expectedAction')} multiline optional />
      <EffectsField path={['injects', i, 'effects']} label={t('fields.effects')} />
      <CheckField path={['injects', i, 'playable']} label={t('fields.playable')} />
    </div>
  );
}

const TASK_KINDS = ['single', 'multiple', 'checklist', 'text'] as const;

export function TasksForm() {
  const { t } = useStudioT();
  const players = useChoices(['roles'], (r) => r.kind === 'player');
  return (
    <ItemList
      list="tasks"
      label={t('tabs.tasks')}
      itemName={t('task.one')}
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
  const { t } = useStudioT();
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
      <TextField path={[...p, 'id']} label={t('fields.id')} />
      <div className="field">
        <label htmlFor={kindId}>{t('fields.kind')}</label>
        <select id={kindId} data-path={`$.tasks[${i}].kind`} value={kind} onChange={(e) => changeKind(e.target.value)}>
          {TASK_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`taskKind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <LocalField path={[...p, 'title']} label={t('fields.title')} />
      <LocalField path={[...p, 'prompt']} label={t('fields.prompt')} multiline />
      <IdsField path={[...p, 'roles']} label={t('fields.roles')} choices={players} />
      <SelectField path={[...p, 'phase']} label={t('fields.phase')} choices={phaseChoices(t)} />
      <DeadlineField path={[...p, 'deadline']} />
      <LocalField path={[...p, 'rule']} label={t('fields.rule')} optional />
      <CheckField path={[...p, 'required']} label={t('fields.required')} />
      <CheckField path={[...p, 'branch']} label={t('fields.branch')} />
      <NumberField path={[...p, 'weight']} label={t('fields.weight')} optional />
      <ConditionField path={[...p, 'availableWhen']} label={t('fields.availableWhen')} optional />
      <IdsField path={[...p, 'signoff']} label={t('fields.signoff')} choices={players} optional />
      {(kind === 'single' || kind === 'multiple') && <OptionsField path={[...p, 'options']} />}
      {kind === 'checklist' && <ChecklistField path={[...p, 'items']} />}
      {kind === 'text' && (
        <>
          <LocalField path={[...p, 'guidance']} label={t('fields.guidance')} multiline />
          {(['P', 'S', 'M', 'U'] as const).map((r) => (
            <LocalField key={r} path={[...p, 'feedback', r]} label={t('task.feedbackFor', { rating: t(`rating.${r}`) })} multiline />
          ))}
        </>
      )}
      {kind !== 'single' && kind !== 'multiple' && <EffectsField path={[...p, 'effects']} label={t('fields.effects')} />}
      <LocalField path={[...p, 'missedFeedback']} label={t('fields.missedFeedback')} multiline />
    </div>
  );
}

function DeadlineField({ path }: { path: Path }) {
  const { t } = useStudioT();
  const { set } = useStudio();
  const value = useAt(path);
  const mode = value === undefined ? 'none' : value && typeof value === 'object' && 'by' in value ? 'end' : value && typeof value === 'object' && 'within' in value ? 'drill' : 'open';
  const id = `deadline-${path.join('-')}`;
  return (
    <fieldset className="field deadline" data-path={`$.${path.join('.')}`}>
      <legend>{t('fields.deadline')}</legend>
      <label htmlFor={id}>{t('deadline.kind')}</label>
      <select
        id={id}
        value={mode}
        onChange={(e) => set(path, e.target.value === 'none' ? undefined : e.target.value === 'end' ? { by: 'end' } : e.target.value === 'drill' ? { within: 30, from: 'drill' } : 10)}
      >
        {['none', 'open', 'drill', 'end'].map((m) => (
          <option key={m} value={m}>
            {t(`deadline.${m}`)}
          </option>
        ))}
      </select>
      {mode === 'open' && <AmountField path={path} label={t('deadline.minutesAfterOpen')} />}
      {mode === 'drill' && <AmountField path={[...path, 'within']} label={t('deadline.minutesAfterStart')} />}
    </fieldset>
  );
}

function OptionsField({ path }: { path: Path }) {
  const { t } = useStudioT();
  const { set } = useStudio();
  const value = useAt(path);
  const options = Array.isArray(value) ? value : [];
  return (
    <fieldset className="field list" data-path={`$.${path.join('.')}`}>
      <legend>{t('fields.options')}</legend>
      {options.map((_, j) => {
        const name = t('task.option', { n: j + 1 });
        return (
          <div key={j} className="list-row boxed" role="group" aria-label={name}>
            <TextField path={[...path, j, 'id']} label={t('task.optionId', { n: j + 1 })} />
            <LocalField path={[...path, j, 'label']} label={t('task.optionLabel', { n: j + 1 })} />
            <NumberField path={[...path, j, 'score']} label={t('task.optionScore', { n: j + 1 })} step={0.1} />
            <LocalField path={[...path, j, 'feedback']} label={t('task.optionFeedback', { n: j + 1 })} multiline />
            <ConditionField path={[...path, j, 'availableWhen']} label={t('fields.offeredWhen')} optional />
            <EffectsField path={[...path, j, 'effects']} label={t('fields.effects')} />
            <button type="button" onClick={() => set([...path, j], undefined)} aria-label={t('list.removeNamed', { name })}>
              {t('list.remove')}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => set(path, [...options, { id: freshId(options, 'option'), label: empty(), score: 0, effects: [], feedback: empty() }])}>
        {t('list.addNamed', { name: t('task.anOption') })}
      </button>
    </fieldset>
  );
}

function ChecklistField({ path }: { path: Path }) {
  const { t } = useStudioT();
  const { set } = useStudio();
  const value = useAt(path);
  const items = Array.isArray(value) ? value : [];
  return (
    <fieldset className="field list" data-path={`$.${path.join('.')}`}>
      <legend>{t('fields.items')}</legend>
      {items.map((_, j) => {
        const name = t('task.item', { n: j + 1 });
        return (
          <div key={j} className="list-row boxed" role="group" aria-label={name}>
            <TextField path={[...path, j, 'id']} label={t('task.itemId', { n: j + 1 })} />
            <LocalField path={[...path, j, 'label']} label={t('task.itemLabel', { n: j + 1 })} />
            <NumberField path={[...path, j, 'weight']} label={t('task.itemWeight', { n: j + 1 })} />
            <LocalField path={[...path, j, 'feedback']} label={t('task.itemFeedback', { n: j + 1 })} multiline />
            <button type="button" onClick={() => set([...path, j], undefined)} aria-label={t('list.removeNamed', { name })}>
              {t('list.remove')}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => set(path, [...items, { id: freshId(items, 'item'), label: empty(), weight: -1, feedback: empty() }])}>
        {t('list.addNamed', { name: t('task.anItem') })}
      </button>
    </fieldset>
  );
}

const MEASURES = ['quality', 'timeliness', 'variable', 'condition', 'avoided', 'coverage'] as const;

function MeasuresField({ path }: { path: Path }) {
  const { t } = useStudioT();
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
      <legend>{t('fields.measures')}</legend>
      {measures.map((m, j) => {
        const p = [...path, j];
        const name = t('rubric.measure', { n: j + 1, type: t(`measure.${String(m.type)}`) });
        return (
          <div key={j} className="list-row boxed" role="group" aria-label={name}>
            <strong>{name}</strong>
            {(m.type === 'quality' || m.type === 'timeliness') && <IdsField path={[...p, 'tasks']} label={t('fields.tasks')} choices={tasks} />}
            {m.type === 'variable' && (
              <>
                <SelectField path={[...p, 'var']} label={t('cond.var')} choices={vars} />
                <NumberField path={[...p, 'best']} label={t('fields.best')} />
                <NumberField path={[...p, 'worst']} label={t('fields.worst')} />
              </>
            )}
            {m.type === 'condition' && <ConditionField path={[...p, 'when']} label={t('fields.when')} />}
            {m.type === 'avoided' && <IdsField path={[...p, 'injects']} label={t('fields.injects')} choices={injects} />}
            <NumberField path={[...p, 'weight']} label={t('fields.weight')} optional />
            <button type="button" onClick={() => set(p, undefined)} aria-label={t('list.removeNamed', { name })}>
              {t('list.remove')}
            </button>
          </div>
        );
      })}
      <label htmlFor={addId}>{t('rubric.addMeasure')}</label>
      <select id={addId} value="" onChange={(e) => e.target.value && set(path, [...measures, fresh(e.target.value)])}>
        <option value="">{t('field.choose')}</option>
        {MEASURES.map((m) => (
          <option key={m} value={m}>
            {t(`measure.${m}`)}
          </option>
        ))}
      </select>
    </fieldset>
  );
}

export function RubricForm() {
  const { t } = useStudioT();
  return (
    <>
      <h3>{t('rubric.criteria')}</h3>
      <ItemList
        list="rubric"
        label={t('rubric.criteria')}
        itemName={t('rubric.one')}
        make={(items) => ({ id: freshId(items, 'criterion'), title: empty(), description: empty(), weight: 20, measures: [], improvement: empty() })}
      >
        {(i) => (
          <div className="form-grid">
            <TextField path={['rubric', i, 'id']} label={t('fields.id')} />
            <LocalField path={['rubric', i, 'title']} label={t('fields.title')} />
            <LocalField path={['rubric', i, 'description']} label={t('fields.description')} multiline />
            <NumberField path={['rubric', i, 'weight']} label={t('fields.weight')} />
            <MeasuresField path={['rubric', i, 'measures']} />
            <LocalField path={['rubric', i, 'improvement']} label={t('fields.improvement')} multiline />
          </div>
        )}
      </ItemList>
      <h3>{t('rubric.observations')}</h3>
      <ObservationsForm />
    </>
  );
}

function ObservationsForm() {
  const { t } = useStudioT();
  const criteria = useChoices(['rubric']);
  const players = useChoices(['roles'], (r) => r.kind === 'player');
  return (
    <ItemList
      list="observations"
      label={t('rubric.observations')}
      itemName={t('rubric.observation')}
      make={(items) => ({ id: freshId(items, 'observation'), kind: 'good', label: empty(), criteria: criteria[0] ? [criteria[0].value] : [], effects: [], feedback: empty() })}
    >
      {(i) => (
        <div className="form-grid">
          <TextField path={['observations', i, 'id']} label={t('fields.id')} />
          <SelectField path={['observations', i, 'kind']} label={t('fields.kind')} choices={choicesOf(t, 'obsKind', ['good', 'prohibited'])} />
          <LocalField path={['observations', i, 'label']} label={t('fields.label')} />
          <IdsField path={['observations', i, 'criteria']} label={t('fields.criteria')} choices={criteria} />
          <NumberField path={['observations', i, 'weight']} label={t('fields.weight')} optional />
          <NumberField path={['observations', i, 'cap']} label={t('fields.cap')} optional />
          <SelectField path={['observations', i, 'phase']} label={t('fields.phase')} choices={phaseChoices(t)} optional />
          <IdsField path={['observations', i, 'roles']} label={t('fields.roles')} choices={players} optional />
          <EffectsField path={['observations', i, 'effects']} label={t('fields.effects')} />
          <LocalField path={['observations', i, 'feedback']} label={t('fields.feedback')} multiline />
        </div>
      )}
    </ItemList>
  );
}
