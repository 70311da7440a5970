// A horizontal level bar (0–1). The width is set through React's style prop (CSSOM), which the strict
// style-src CSP allows, unlike a style attribute in HTML.
export function LevelMeter({
  level,
  label,
  active = true,
}: {
  level: number;
  label: string;
  active?: boolean;
}) {
  const clamped = Math.max(0, Math.min(1, Number.isFinite(level) ? level : 0));
  const percent = Math.round(clamped * 100);
  return (
    <div
      className={`level-meter${active ? '' : ' inactive'}`}
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="level-fill" style={{ transform: `scaleX(${clamped})` }} />
    </div>
  );
}
