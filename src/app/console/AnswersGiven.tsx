import { useTranslation } from 'react-i18next';
import { taskBrief, type CompiledScenario, type DrillState, type Lang } from '../../engine';
import { clock } from '../../i18n/format';
import { answerWords } from '../drill/answerWords';
import { answeredTasks } from '../drill/selectors';

/** What a role has answered so far, in the words of its choices: an evaluator follows the decisions as they come. */
export function AnswersGiven({ compiled, ctx, role, roleName }: { compiled: CompiledScenario; ctx: DrillState; role: string; roleName: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  // A task shared by several roles is listed under its first role, as the open tasks are.
  const answers = answeredTasks(compiled, ctx, role).filter(({ task }) => task.roles[0] === role);
  if (answers.length === 0) return null;
  return (
    <ul className="answers-given" aria-label={t('evaluator.answersOf', { role: roleName })}>
      {answers.map(({ task, state }) => (
        <li key={task.id}>
          {state.answeredAt !== undefined && <time>{clock(state.answeredAt)}</time>} <strong>{task.title[lang]}</strong>
          {' — '}
          {state.answer ? answerWords(taskBrief(task), state.answer, lang, t('debrief.listSeparator')) : ''}
          {state.rating && <span className={`rating rating-${state.rating}`}>{state.rating}</span>}
        </li>
      ))}
    </ul>
  );
}
