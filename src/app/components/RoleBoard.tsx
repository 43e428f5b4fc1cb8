import { useTranslation } from 'react-i18next';
import type { Lang, Scenario } from '../../engine';
import type { RoleStatus } from '../drill/selectors';

/** Per role: tasks done, open and overdue (no task content: safe for the projector). */
export function RoleBoard({ scenario, board, names }: { scenario: Scenario; board: RoleStatus[]; names?: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <table className="role-board">
      <caption>{t('drill.roleBoard')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('drill.role')}</th>
          <th scope="col">{t('drill.done')}</th>
          <th scope="col">{t('drill.open')}</th>
          <th scope="col">{t('drill.overdue')}</th>
        </tr>
      </thead>
      <tbody>
        {board.map((r) => (
          <tr key={r.role} className={r.overdue ? 'has-overdue' : undefined}>
            <th scope="row">
              {scenario.roles.find((x) => x.id === r.role)?.name[lang]}
              {names?.[r.role] ? <span className="player-name">{` · ${names[r.role]}`}</span> : null}
            </th>
            <td>{r.done}</td>
            <td>{r.open}</td>
            <td>{r.overdue}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
