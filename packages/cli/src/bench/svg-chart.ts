/** One bar of a chart: a label and a percentage (0-100). */
export interface ChartBar {
  label: string;
  value: number;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * A horizontal bar chart of percentages as a standalone SVG (no
 * dependencies, deterministic output), e.g. savings per file.
 */
export function renderSvgChart(
  title: string,
  bars: readonly ChartBar[],
): string {
  const rowHeight = 22;
  const labelWidth = Math.min(
    420,
    Math.max(120, ...bars.map((bar) => bar.label.length * 7)),
  );
  const barWidth = 400;
  const width = labelWidth + barWidth + 80;
  const height = 50 + bars.length * rowHeight + 20;
  const rows = bars.map((bar, index) => {
    const y = 40 + index * rowHeight;
    const value = Math.max(0, Math.min(100, bar.value));
    const length = Math.round((value / 100) * barWidth);
    const label =
      bar.label.length > 60 ? `…${bar.label.slice(-59)}` : bar.label;
    return [
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeXml(label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${barWidth}" height="${rowHeight - 6}" fill="#eef1f5"/>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${length}" height="${rowHeight - 6}" fill="${value >= 60 ? '#2f855a' : value >= 30 ? '#d69e2e' : '#c53030'}"/>`,
      `<text x="${labelWidth + barWidth + 8}" y="${y + 15}">${bar.value.toFixed(1)}%</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="24" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    ...rows,
    '</svg>',
    '',
  ].join('\n');
}
