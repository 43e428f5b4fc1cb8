import { useTranslation } from 'react-i18next';
import type { BoardRow, Lang, RoleCard } from '../../engine';

/** Per role: tasks done, open and overdue at drill time `now` (no task content: safe for the projector). */
export function RoleBoard({ roles, board, now, names }: { roles: RoleCard[]; board: BoardRow[]; now: number; names?: Record<string, string> | undefined }) {
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
        {board.map((r) => {
          const overdue = r.dueAts.filter((due) => due < now).length;
          return (
            <tr key={r.role} className={overdue ? 'has-overdue' : undefined}>
              <th scope="row">
                {roles.find((x) => x.id === r.role)?.name[lang]}
                {names?.[r.role] ? <span className="player-name">{` · ${names[r.role]}`}</span> : null}
              </th>
              <td>{r.done}</td>
              <td>{r.open}</td>
              <td>{overdue}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
