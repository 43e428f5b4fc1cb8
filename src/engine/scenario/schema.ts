/**
 * The scenario file format: the one definition of what a scenario may say.
 * `scenarios/schema.json` is generated from these schemas (`npm run schema`).
 * Every union is discriminated by `type`, so an author gets one clear error per mistake.
 */
import { z } from 'zod';

import { CATEGORIES, CHANNELS, CURRENT_FORMAT, FORMATS, LEVELS, PHASES, RATINGS, type PhaseId, type Rating } from './constants';

export * from './constants';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lower-case letters, digits and dashes (at most 64), e.g. "lobby-manager"')
  .meta({ id: 'Id', description: 'An identifier: lower-case letters, digits and dashes.' });

/** A text in both UI languages. */
export const localText = z
  .strictObject({
    'zh-CN': z.string().min(1).max(4000),
    en: z.string().min(1).max(4000),
  })
  .meta({ id: 'LocalText', description: 'A text in Simplified Chinese and English.' });
export type LocalText = z.output<typeof localText>;

const minutes = z.number().min(0).max(24 * 60).describe('Drill time in minutes.');

/** A number the trainer sets per drill: `{"param": "report-minutes"}` stands for the parameter's value. */
export const paramRef = z
  .strictObject({ param: id.describe('The id of one of the scenario\'s `parameters`.') })
  .meta({ id: 'ParamRef', description: 'The value of a parameter of this scenario (the trainer may change it before the start).' });
export type ParamRef = z.output<typeof paramRef>;
/** A number as a file may write it: itself, or a parameter's value. */
export type Amount = number | ParamRef;
const amount = z.union([z.number(), paramRef]);
const minutesOrParam = z.union([minutes, paramRef]).describe('Minutes, or a parameter holding minutes.');

/** Where a time counts from: the inject's (or current) phase's start, or the drill's. */
const timeFrom = z.enum(['phase', 'drill']);


// ---------------------------------------------------------------- conditions
export type Condition =
  | { type: 'all'; of: Condition[] }
  | { type: 'any'; of: Condition[] }
  | { type: 'not'; of: Condition }
  | { type: 'var'; var: string; cmp: '<' | '<=' | '==' | '!=' | '>=' | '>'; value: Amount }
  | { type: 'flag'; flag: string }
  | { type: 'done'; task: string }
  | { type: 'on-time'; task: string }
  | { type: 'chose'; task: string; option: string }
  | { type: 'fired'; inject: string }
  | { type: 'phase'; atLeast: PhaseId }
  | { type: 'rated'; task: string; atLeast: Rating }
  | { type: 'time'; atLeast: Amount; from?: 'phase' | 'drill' };

export const condition: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('all'), of: z.array(condition).min(1) }),
    z.strictObject({ type: z.literal('any'), of: z.array(condition).min(1) }),
    z.strictObject({ type: z.literal('not'), of: condition }),
    z.strictObject({
      type: z.literal('var'),
      var: id,
      cmp: z.enum(['<', '<=', '==', '!=', '>=', '>']),
      value: amount,
    }),
    z.strictObject({ type: z.literal('flag'), flag: id }),
    z.strictObject({ type: z.literal('done'), task: id }),
    z.strictObject({ type: z.literal('on-time'), task: id }),
    z.strictObject({ type: z.literal('chose'), task: id, option: id }),
    z.strictObject({ type: z.literal('fired'), inject: id }),
    z.strictObject({ type: z.literal('phase'), atLeast: z.enum(PHASES) }),
    z.strictObject({ type: z.literal('rated'), task: id, atLeast: z.enum(RATINGS).describe('The lowest rating that counts: P > S > M > U.') }),
    z.strictObject({
      type: z.literal('time'),
      atLeast: minutesOrParam.describe('Minutes that have passed.'),
      from: timeFrom.optional().describe('Counted from the start of the current phase (default) or of the drill.'),
    }),
  ]),
).meta({
  id: 'Condition',
  description:
    'A condition, as data: all/any/not of conditions, a variable compared to a number, a flag, a task done (on time), an option chosen, an inject fired, a phase reached, a free-text answer rated at least so well, or minutes passed.',
});

// ---------------------------------------------------------------- effects
export const effect = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('add'), var: id, value: amount }),
    z.strictObject({ type: z.literal('set'), var: id, value: amount }),
    z.strictObject({ type: z.literal('flag'), flag: id, value: z.boolean().default(true) }),
    z.strictObject({ type: z.literal('fire'), inject: id, delay: minutesOrParam.default(0) }),
    z.strictObject({ type: z.literal('cancel'), inject: id }).describe('Removes a scheduled inject: it will not fire by its trigger or a delayed effect (the facilitator may still fire it).'),
  ])
  .meta({
    id: 'Effect',
    description: 'A consequence: add to or set a variable (kept within its min and max), set a flag, fire an inject after a delay in minutes, or cancel a scheduled inject.',
  });
export type Effect = z.output<typeof effect>;

// ---------------------------------------------------------------- roles, variables, phases
export const role = z.strictObject({
  id,
  kind: z
    .enum(['player', 'simulated'])
    .describe('player: played by a participant; simulated: a party the facilitator plays (customers, reporters, the regulator), or a participant seated in it, who then sends its `playable` injects.'),
  name: localText,
  department: localText,
  level: z.enum(LEVELS),
  briefing: z
    .strictObject({ public: localText, private: localText.optional() })
    .describe('public: what everyone may know of this role; private: only this role (and the facilitator) sees it.'),
});
export type Role = z.output<typeof role>;

export const variable = z.strictObject({
  id,
  label: localText,
  initial: z.number(),
  min: z.number(),
  max: z.number(),
  public: z.boolean().default(false).describe('Shown on the projector as a gauge.'),
});
export type Variable = z.output<typeof variable>;

export const flag = z.strictObject({ id, label: localText });

export const phase = z.strictObject({
  id: z.enum(PHASES),
  title: localText,
  objectives: z.array(localText).min(1),
  exit: z
    .strictObject({
      when: condition.optional().describe('What must hold before the phase may end. Without it the facilitator decides.'),
      auto: z.boolean().default(false).describe('true: the phase ends by itself as soon as `when` holds; false: the facilitator moves on once it holds (or overrides with a reason).'),
    })
    .describe('When this phase may end.'),
  timebox: minutes.optional().describe('Guidance for the facilitator: how long this phase should take.'),
});
export type Phase = z.output<typeof phase>;

// ---------------------------------------------------------------- injects
const unless = condition.optional().describe('Checked when the inject is due (by its trigger or a delayed effect): if it holds then, the inject does not fire.');
export const trigger = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('time'),
      at: minutesOrParam.describe('Minutes after the inject\'s phase begins (or the drill, with `from: "drill"`).'),
      from: timeFrom.optional().describe('phase (default): counted from the start of the inject\'s phase; drill: from the start of the drill, whatever phase it is in then.'),
      unless,
    }),
    z.strictObject({ type: z.literal('condition'), when: condition, delay: minutesOrParam.default(0), unless }),
    z.strictObject({ type: z.literal('missed'), task: id.describe('Contingency: fires when this task is not done by its deadline.'), unless }),
    z.strictObject({ type: z.literal('manual'), unless }).describe('Fires only when an effect or the facilitator fires it.'),
  ])
  .describe('When an inject fires. Phase-timed and condition triggers wait until the inject\'s phase has begun.');
export type Trigger = z.output<typeof trigger>;

export const inject = z.strictObject({
  id,
  phase: z.enum(PHASES),
  trigger,
  channel: z.enum(CHANNELS),
  from: id.describe('The role (usually simulated) the inject comes from.'),
  to: z.union([z.literal('all'), z.array(id).min(1)]).describe('The roles who receive it, or "all".'),
  public: z.boolean().default(false).describe('Shown on the projector when it fires.'),
  title: localText,
  content: localText,
  image: z
    .string()
    .regex(/^images\/[A-Za-z0-9._-]+\.(png|jpg|jpeg|svg|webp)$/, 'must be a file under public/images, e.g. "images/crowd.svg"')
    .optional(),
  expectedAction: localText.optional().describe('What the players are expected to do (for the facilitator).'),
  effects: z.array(effect).default([]),
  variants: z
    .array(z.strictObject({ when: condition, title: localText, content: localText }))
    .optional()
    .describe('Texts that depend on the story: when the inject fires, the first variant whose condition holds is shown instead of `title` and `content`.'),
  playable: z
    .boolean()
    .optional()
    .describe('true: a participant seated in the `from` role (a simulated role: the customer, the reporter) may send this inject from its screen, as the facilitator may.'),
});
export type Inject = z.output<typeof inject>;

// ---------------------------------------------------------------- tasks and decisions
export const deadline = z
  .union([
    minutesOrParam,
    z.strictObject({ by: z.literal('end') }).describe('Before the drill ends: late or missed only if still undone at the end.'),
    z.strictObject({ within: minutesOrParam, from: z.literal('drill') }).describe('Minutes after the drill started.'),
  ])
  .meta({ id: 'Deadline', description: 'When the task should be done: minutes after it opens (a number or a parameter), `{"by": "end"}`, or `{"within": 10, "from": "drill"}`.' });
export type Deadline = z.output<typeof deadline>;
const taskBase = {
  id,
  title: localText,
  prompt: localText,
  roles: z.array(id).min(1).describe('Roles that may take this task; the first one owns it in the debrief.'),
  phase: z.enum(PHASES).describe('The phase in which the task opens; it stays open until done.'),
  availableWhen: condition.optional().describe('Opens only once this holds (and its phase has begun).'),
  deadline: deadline.optional(),
  rule: localText.optional().describe('The rule the deadline or the task encodes, shown in the debrief.'),
  required: z.boolean().default(true).describe('An expected action; optional ones are extras.'),
  branch: z
    .boolean()
    .default(false)
    .describe(
      'true: the task opens only on some branches of the story (after a mistake or a choice) and counts only in drills where it opened. false (default): every team is expected to meet it, so a required task that never opened (the drill moved on or ended first) counts as missed.',
    ),
  weight: z.number().positive().max(10).default(1),
  missedFeedback: localText.describe('Debrief text when the task is not done (or not done in time).'),
  signoff: z
    .array(id)
    .min(1)
    .optional()
    .describe('Roles whose approval the answer needs: the task is done (for conditions, deadlines and the score) only when every one of them has approved it; the debrief names who signed and when.'),
};

export const option = z.strictObject({
  id,
  label: localText,
  score: z.number().min(0).max(1).describe('How good this choice is: 1 best, 0 harmful.'),
  availableWhen: condition.optional().describe('Offered only while this holds (the option a team can no longer take: the emergency fund is spent). A task keeps at least one option offered.'),
  effects: z.array(effect).default([]),
  feedback: localText,
});
export type Option = z.output<typeof option>;

export const checklistItem = z.strictObject({
  id,
  label: localText,
  weight: z
    .number()
    .min(-10)
    .max(10)
    .refine((w) => w !== 0, 'must not be 0: positive for a right step, negative for a wrong one')
    .default(1)
    .describe('Positive: a step that belongs to the answer. Negative: a wrong item (a step that must not be taken, a claim that is false); ticking it costs its weight.'),
  feedback: localText.describe('Debrief text: for a right item, when it was left out; for a wrong item, when it was ticked.'),
});

export const task = z.discriminatedUnion('kind', [
  z.strictObject({ ...taskBase, kind: z.literal('single'), options: z.array(option).min(2) }),
  z.strictObject({
    ...taskBase,
    kind: z.literal('multiple'),
    options: z.array(option).min(2).describe('Options with score ≥ 0.5 count as right, the others as wrong.'),
  }),
  z.strictObject({
    ...taskBase,
    kind: z.literal('checklist'),
    items: z.array(checklistItem).min(2),
    effects: z.array(effect).default([]).describe('Applied when the checklist is submitted.'),
  }),
  z.strictObject({
    ...taskBase,
    kind: z.literal('text'),
    guidance: localText.describe('What a good answer contains, for the facilitator who rates it.'),
    feedback: z.strictObject({ P: localText, S: localText, M: localText, U: localText }),
    effects: z.array(effect).default([]).describe('Applied when the answer is submitted.'),
  }),
]);
export type Task = z.output<typeof task>;
export type TaskKind = Task['kind'];

// ---------------------------------------------------------------- rubric
export const measure = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('quality'), tasks: z.array(id).min(1), weight: z.number().positive().default(1) }),
    z.strictObject({ type: z.literal('timeliness'), tasks: z.array(id).min(1), weight: z.number().positive().default(1) }),
    z.strictObject({
      type: z.literal('variable'),
      var: id,
      best: z.number(),
      worst: z.number(),
      weight: z.number().positive().default(1),
    }),
    z.strictObject({ type: z.literal('condition'), when: condition, weight: z.number().positive().default(1) }),
    z.strictObject({ type: z.literal('avoided'), injects: z.array(id).min(1), weight: z.number().positive().default(1) }),
    z.strictObject({ type: z.literal('coverage'), weight: z.number().positive().default(1) }),
  ])
  .describe(
    'How a criterion is read from the transcript: quality of answers, tasks done by their deadline, a variable\'s final value between best and worst or a condition at the end (outcomes: they count only when the resolve phase was completed), consequence injects avoided (only once their window has passed), or the share of player roles that did every required task on time and acceptably well.',
  );
export type Measure = z.output<typeof measure>;

export const criterion = z.strictObject({
  id,
  title: localText,
  description: localText,
  weight: z.number().positive().max(100),
  measures: z.array(measure).default([]).describe('How the criterion is read from the transcript. Observations tied to the criterion feed it too.'),
  improvement: localText.describe('The recommended improvement when this criterion falls short.'),
});
export type Criterion = z.output<typeof criterion>;

// ---------------------------------------------------------------- observations

export const observation = z
  .strictObject({
    id,
    kind: z.enum(['prohibited', 'good']).describe('prohibited: an act that must not happen (taking a customer\'s phone, promising compensation without authority, arguing); good: good practice seen in the room.'),
    label: localText,
    criteria: z.array(id).min(1).describe('The rubric criteria this observation feeds.'),
    weight: z.number().positive().max(10).default(1),
    cap: z.number().min(0).max(100).default(40).describe('prohibited only: the highest score the criteria it feeds can have once it is recorded.'),
    phase: z.enum(PHASES).optional().describe('When it is most likely to be seen (groups the facilitator\'s buttons).'),
    roles: z.array(id).optional().describe('Roles it usually concerns (the facilitator still names who).'),
    effects: z.array(effect).default([]).describe('Applied when it is recorded during play, e.g. fire the inject the act causes (the video of a grabbed phone).'),
    feedback: localText.describe('Debrief text when it is recorded.'),
  })
  .describe('Something an observer may see in the room that the options cannot capture; the facilitator records it with a button.');
export type Observation = z.output<typeof observation>;

// ---------------------------------------------------------------- parameters
export const parameter = z
  .strictObject({
    id,
    label: localText,
    value: z.number().describe('The value unless the trainer changes it for a drill.'),
    min: z.number().optional(),
    max: z.number().optional(),
    unit: localText.describe('What the number counts, e.g. {"zh-CN": "分钟", "en": "minutes"}.'),
  })
  .describe('A bank-specific number (a reporting time, a limit). Deadlines and numbers may name it (`{"param": "id"}`), texts may say `{param:id}`; the values a drill used are in its transcript (the DRILL.START event).');
export type Parameter = z.output<typeof parameter>;

// ---------------------------------------------------------------- the scenario
export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z
    .literal(FORMATS)
    .optional()
    .describe(`The version of the file format: ${CURRENT_FORMAT} for files using what format 2 added (story time, parameters, cancel, …); a file without it is format 1 and loads as before.`),
  id,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version like "1.0.0"'),
  storyClock: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day like "09:20"')
    .optional()
    .describe('The story\'s time of day when the drill starts; screens show it beside the drill clock, texts may say {time}.'),
  parameters: z.array(parameter).default([]),
  category: z.enum(CATEGORIES),
  title: localText,
  summary: localText,
  objectives: z.array(localText).min(1).describe('Learning objectives.'),
  durationMinutes: z.number().int().min(5).max(600),
  difficulty: z.enum(['basic', 'intermediate', 'advanced']),
  roles: z.array(role).min(1),
  variables: z.array(variable).default([]),
  flags: z.array(flag).default([]),
  phases: z.array(phase).length(4).describe('The four phases, in order: report, assess, escalate, resolve.'),
  injects: z.array(inject).min(1),
  tasks: z.array(task).min(1),
  rubric: z.array(criterion).min(5).max(8),
  observations: z.array(observation).default([]),
  leader: id.optional().describe('The player role that gives the leader\'s summary (总结点评) at the hot wash; the facilitator always may.'),
});

/** A scenario as written in a file (defaults not yet applied). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A scenario after shape validation, defaults applied. */
export type Scenario = z.output<typeof scenarioSchema>;
