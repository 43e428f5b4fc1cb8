/**
 * The blank template: the smallest scenario of format 2 that is valid and plays from the
 * first phase to the debrief, for a trainer to grow into a drill. Two roles (a player and the
 * customer the facilitator plays), the four phases, one inject, one decision and a rubric of
 * five criteria fed by that decision.
 */
import type { ScenarioInput } from '../../engine';

const both = (zh: string, en: string) => ({ 'zh-CN': zh, en });

export function blankScenario(): ScenarioInput {
  const phase = (id: 'report' | 'assess' | 'escalate' | 'resolve', zh: string, en: string, goalZh: string, goalEn: string) => ({
    id,
    title: both(zh, en),
    objectives: [both(goalZh, goalEn)],
    exit: { auto: false },
    timebox: 15,
  });
  const criterion = (id: string, zh: string, en: string, measures: NonNullable<ScenarioInput['rubric'][number]['measures']>) => ({
    id,
    title: both(zh, en),
    description: both(`评价${zh}。`, `How well the team did on ${en.toLowerCase()}.`),
    weight: 20,
    measures,
    improvement: both(`复盘${zh}方面的不足，修订预案。`, `Review the shortfalls in ${en.toLowerCase()} and update the plan.`),
  });
  return {
    $schema: './schema.json',
    format: 2,
    id: 'new-drill',
    version: '1.0.0',
    storyClock: '09:00',
    parameters: [],
    category: 'other',
    title: both('新演练', 'New drill'),
    summary: both('一句话说明这次演练的情景。', 'One sentence on what happens in this drill.'),
    objectives: [both('检验一线员工的首次响应。', 'Test the front line\'s first response.')],
    durationMinutes: 60,
    difficulty: 'basic',
    roles: [
      {
        id: 'lobby-manager',
        kind: 'player',
        name: both('大堂经理', 'Lobby manager'),
        department: both('网点', 'Sub-branch'),
        level: 'sub-branch',
        briefing: { public: both('负责营业厅现场秩序和客户接待。', 'Keeps order in the banking hall and receives customers.') },
      },
      {
        id: 'customer',
        kind: 'simulated',
        name: both('客户', 'Customer'),
        department: both('客户', 'Customer'),
        level: 'sub-branch',
        briefing: { public: both('一位前来反映问题的客户（由导调扮演）。', 'A customer with a complaint (played by the facilitator).') },
      },
    ],
    variables: [],
    flags: [],
    phases: [
      phase('report', '报告', 'Report', '发现并报告事件。', 'Notice and report the incident.'),
      phase('assess', '研判', 'Assess', '判断事件的性质和影响。', 'Judge what the incident is and what it affects.'),
      phase('escalate', '升级', 'Escalate', '按预案升级并协同处置。', 'Escalate by the plan and act together.'),
      phase('resolve', '处置', 'Resolve', '化解事件并总结。', 'Resolve the incident and take stock.'),
    ],
    injects: [
      {
        id: 'first-report',
        phase: 'report',
        trigger: { type: 'time', at: 1 },
        channel: 'walk-in',
        from: 'customer',
        to: ['lobby-manager'],
        public: true,
        title: both('客户到厅反映问题', 'A customer comes in with a complaint'),
        content: both('一位客户来到营业厅，情绪激动地反映问题。', 'A customer walks into the hall, upset, with a complaint.'),
        effects: [],
      },
    ],
    tasks: [
      {
        id: 'first-response',
        kind: 'single',
        title: both('首次响应', 'First response'),
        prompt: both('你首先怎么做？', 'What do you do first?'),
        roles: ['lobby-manager'],
        phase: 'report',
        deadline: 10,
        options: [
          { id: 'listen', label: both('请客户到一旁，耐心倾听并记录诉求', 'Take the customer aside, listen and note the complaint'), score: 1, effects: [], feedback: both('先倾听、再记录，稳住现场。', 'Listening first and noting the complaint calms the hall.') },
          { id: 'ignore', label: both('请客户排队等候', 'Ask the customer to queue'), score: 0, effects: [], feedback: both('让激动的客户排队只会让情绪升级。', 'Sending an upset customer to the queue makes things worse.') },
        ],
        missedFeedback: both('没有及时回应客户。', 'The customer was not answered in time.'),
      },
    ],
    rubric: [
      criterion('command', '组织指挥', 'Command', [{ type: 'coverage' }]),
      criterion('knowledge', '预案掌握', 'Knowledge of the plan', [{ type: 'quality', tasks: ['first-response'] }]),
      criterion('timeliness', '响应时效', 'Timeliness', [{ type: 'timeliness', tasks: ['first-response'] }]),
      criterion('communication', '客户沟通', 'Customer communication', [{ type: 'quality', tasks: ['first-response'] }]),
      criterion('compliance', '合规处置', 'Compliance', [{ type: 'quality', tasks: ['first-response'] }]),
    ],
    observations: [],
  };
}
