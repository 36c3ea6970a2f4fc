/** A small SVG line chart of build time against article count. Numbers in, markup out. */
export function renderBuildChart(points: { articles: number; wallMs: number }[]): string {
  const width = 480;
  const height = 280;
  const pad = { left: 56, right: 16, top: 24, bottom: 40 };
  const maxX = Math.max(...points.map((p) => p.articles), 1);
  const maxY = Math.max(...points.map((p) => p.wallMs), 1) * 1.1;
  const x = (v: number) => pad.left + (v / maxX) * (width - pad.left - pad.right);
  const y = (v: number) => height - pad.bottom - (v / maxY) * (height - pad.top - pad.bottom);
  const line = points.map((p, i) => `${i ? "L" : "M"}${x(p.articles).toFixed(1)},${y(p.wallMs).toFixed(1)}`).join(" ");
  const dots = points
    .map(
      (p) =>
        `<circle cx="${x(p.articles).toFixed(1)}" cy="${y(p.wallMs).toFixed(1)}" r="3"/><text x="${x(p.articles).toFixed(1)}" y="${(y(p.wallMs) - 8).toFixed(1)}" text-anchor="middle">${(p.wallMs / 1000).toFixed(1)} s</text>`,
    )
    .join("");
  const ticks = points
    .map(
      (p) =>
        `<text x="${x(p.articles).toFixed(1)}" y="${height - pad.bottom + 16}" text-anchor="middle">${p.articles.toLocaleString("en")}</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">
<title>Full build time (npm run build) against number of articles</title>
<line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width - pad.right}" y2="${height - pad.bottom}" stroke="#888"/>
<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${height - pad.bottom}" stroke="#888"/>
<text x="${width / 2}" y="${height - 6}" text-anchor="middle">articles</text>
<text x="14" y="${height / 2}" transform="rotate(-90 14 ${height / 2})" text-anchor="middle">build time</text>
<path d="${line}" fill="none" stroke="#a3161c" stroke-width="2"/>
<g fill="#a3161c">${dots}</g>
${ticks}
</svg>
`;
}
