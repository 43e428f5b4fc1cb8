import { useTranslation } from 'react-i18next';
import type { GaugeView, Lang } from '../../engine';

/** Public scenario variables (crowd size, media heat…) as meters. */
export function Gauges({ items }: { items: GaugeView[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  if (items.length === 0) return null;
  return (
    <section className="gauges" aria-label={t('drill.gauges')}>
      {items.map((variable) => {
        const { value } = variable;
        const share = (value - variable.min) / (variable.max - variable.min || 1);
        return (
          <div key={variable.id} className="gauge">
            <label htmlFor={`gauge-${variable.id}`}>{variable.label[lang]}</label>
            <meter id={`gauge-${variable.id}`} min={variable.min} max={variable.max} low={variable.min + (variable.max - variable.min) * 0.4} high={variable.min + (variable.max - variable.min) * 0.7} optimum={variable.min} value={value}>
              {value}
            </meter>
            <span className={`gauge-value${share >= 0.7 ? ' high' : ''}`}>{value}</span>
          </div>
        );
      })}
    </section>
  );
}
