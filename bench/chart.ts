/**
 * A small SVG line chart of build time against article count: ours, and with --anchors the
 * peer's (Hugo + Pagefind on the same corpus) with each point's ratio. Numbers in, markup out.
 */
export interface ChartPoint {
  articles: number;
  wallMs: number;
  /** Hugo + Pagefind on the same corpus, when measured. */
  peerMs?: number | undefined;
}

export function renderBuildChart(points: ChartPoint[]): string {
  const width = 480;
  const height = 280;
  const pad = { left: 56, right: 16, top: 24, bottom: 40 };
  const maxX = Math.max(...points.map((p) => p.articles), 1);
  const maxY = Math.max(...points.flatMap((p) => [p.wallMs, p.peerMs ?? 0]), 1) * 1.1;
  const x = (v: number) => pad.left + (v / maxX) * (width - pad.left - pad.right);
  const y = (v: number) => height - pad.bottom - (v / maxY) * (height - pad.top - pad.bottom);
  const path = (series: { articles: number; ms: number }[]) =>
    series.map((p, i) => `${i ? "L" : "M"}${x(p.articles).toFixed(1)},${y(p.ms).toFixed(1)}`).join(" ");
  const ours = points.map((p) => ({ articles: p.articles, ms: p.wallMs }));
  const peer = points
    .filter((p) => p.peerMs !== undefined)
    .map((p) => ({ articles: p.articles, ms: p.peerMs!, ratio: p.wallMs / p.peerMs! }));
  const dots = ours
    .map(
      (p) =>
        `<circle cx="${x(p.articles).toFixed(1)}" cy="${y(p.ms).toFixed(1)}" r="3"/><text x="${x(p.articles).toFixed(1)}" y="${(y(p.ms) - 8).toFixed(1)}" text-anchor="middle">${(p.ms / 1000).toFixed(1)} s</text>`,
    )
    .join("");
  const peerDots = peer
    .map(
      (p) =>
        `<circle cx="${x(p.articles).toFixed(1)}" cy="${y(p.ms).toFixed(1)}" r="3"/><text x="${x(p.articles).toFixed(1)}" y="${(y(p.ms) + 16).toFixed(1)}" text-anchor="middle">${(p.ms / 1000).toFixed(1)} s (ours ${p.ratio.toFixed(2)}×)</text>`,
    )
    .join("");
  const ticks = points
    .map(
      (p) =>
        `<text x="${x(p.articles).toFixed(1)}" y="${height - pad.bottom + 16}" text-anchor="middle">${p.articles.toLocaleString("en")}</text>`,
    )
    .join("");
  const legend = peer.length
    ? `<g font-size="10"><line x1="${pad.left + 8}" y1="12" x2="${pad.left + 24}" y2="12" stroke="#a3161c" stroke-width="2"/><text x="${pad.left + 28}" y="15">npm run build</text><line x1="${pad.left + 120}" y1="12" x2="${pad.left + 136}" y2="12" stroke="#555" stroke-width="2" stroke-dasharray="4 3"/><text x="${pad.left + 140}" y="15">Hugo + Pagefind, same corpus</text></g>`
    : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">
<title>Full build time (npm run build)${peer.length ? " and Hugo + Pagefind's" : ""} against number of articles</title>
<line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width - pad.right}" y2="${height - pad.bottom}" stroke="#888"/>
<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${height - pad.bottom}" stroke="#888"/>
<text x="${width / 2}" y="${height - 6}" text-anchor="middle">articles</text>
<text x="14" y="${height / 2}" transform="rotate(-90 14 ${height / 2})" text-anchor="middle">build time</text>
${legend}
${peer.length ? `<path d="${path(peer)}" fill="none" stroke="#555" stroke-width="2" stroke-dasharray="4 3"/><g fill="#555">${peerDots}</g>` : ""}
<path d="${path(ours)}" fill="none" stroke="#a3161c" stroke-width="2"/>
<g fill="#a3161c">${dots}</g>
${ticks}
</svg>
`;
}
