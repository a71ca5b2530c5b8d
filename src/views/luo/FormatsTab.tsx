// The debate between memfd-v1's vmalloc array and a sparse "KHO array": metadata to hand over
// and extra memory (filled holes) for a memfd of a given size, fill and folio size, and over a
// range of files from a full VM memory file to a 1 TiB cache that is 1 % populated.
import { useMemo, useState } from 'react';
import { compareFormats, FORMAT_PRESETS, formatSeries, type FormatInput } from '../../sim/kho/formats';
import { formatBytes, parseSize } from '../../sim/units/size';
import { FORMAT_LABEL, FormatChart, FormatLegend } from './FormatChart';

const FOLIOS = [
  { bytes: 4096, label: '4 KiB' },
  { bytes: 2 * 1024 * 1024, label: '2 MiB' },
] as const;

export function FormatsTab() {
  const [sizeText, setSizeText] = useState('64G');
  const [fillText, setFillText] = useState('0.25');
  const [folio, setFolio] = useState<number>(4096);
  const [pattern, setPattern] = useState<NonNullable<FormatInput['pattern']>>('random');
  const [placement, setPlacement] = useState<NonNullable<FormatInput['placement']>>('contiguous');

  let fileBytes: number | null = null;
  let sizeError: string | null = null;
  try {
    fileBytes = parseSize(sizeText);
    if (fileBytes <= 0) sizeError = 'expected a size above 0';
    else if (fileBytes > 2 ** 50) sizeError = 'at most 1 PiB';
  } catch (e) {
    sizeError = (e as Error).message;
  }
  const fill = Number(fillText);
  const fillError = fillText.trim() === '' || !Number.isFinite(fill) || fill < 0 || fill > 1 ? 'expected a fraction from 0 to 1' : null;
  const valid = !sizeError && !fillError && fileBytes !== null;

  const opts = useMemo(() => ({ pattern, placement }), [pattern, placement]);
  const comparison = useMemo(() => (valid ? compareFormats({ fileBytes: fileBytes!, fill, folioBytes: folio, ...opts }) : null), [valid, fileBytes, fill, folio, opts]);
  const points = useMemo(() => (valid ? [...FORMAT_PRESETS, { label: `your file: ${formatBytes(fileBytes!, 0)}, ${Math.round(fill * 1000) / 10} %`, fileBytes: fileBytes!, fill }] : FORMAT_PRESETS), [valid, fileBytes, fill]);
  const series = useMemo(() => formatSeries(folio, points, opts), [folio, points, opts]);

  return (
    <div className="lv-tab-body lv-formats">
      <p className="lv-lead">
        How much metadata a preserved memfd hands over, and how much memory the handover costs. memfd-v1 fills every hole at preserve time and keeps 16 B per folio; a sparse format lists only the
        populated folios; the radix tracker is what KHO itself needs to mark them preserved (presence only, no file index).
      </p>
      <form className="lv-form" onSubmit={(e) => e.preventDefault()} aria-label="The memfd to compare">
        <label className="lv-field">
          <span>size</span>
          <input value={sizeText} onChange={(e) => setSizeText(e.target.value)} size={7} aria-invalid={!!sizeError} aria-describedby="lv-fmt-err" spellCheck={false} />
        </label>
        <label className="lv-field">
          <span>filled</span>
          <input value={fillText} onChange={(e) => setFillText(e.target.value)} size={5} inputMode="decimal" aria-invalid={!!fillError} aria-describedby="lv-fmt-err" />
        </label>
        <input type="range" min={0} max={1} step={0.01} value={fillError ? 0 : fill} onChange={(e) => setFillText(e.target.value)} aria-label="filled fraction" className="lv-range" />
        <fieldset className="lv-radios">
          <legend>folio</legend>
          {FOLIOS.map((f) => (
            <label key={f.bytes}>
              <input type="radio" name="lv-folio" checked={folio === f.bytes} onChange={() => setFolio(f.bytes)} /> {f.label}
            </label>
          ))}
        </fieldset>
        <label className="lv-field">
          <span>populated folios</span>
          <select value={pattern} onChange={(e) => setPattern(e.target.value as typeof pattern)}>
            <option value="random">spread at random</option>
            <option value="contiguous">in one run</option>
          </select>
        </label>
        <label className="lv-field">
          <span>physical placement</span>
          <select value={placement} onChange={(e) => setPlacement(e.target.value as typeof placement)}>
            <option value="contiguous">contiguous</option>
            <option value="scattered">scattered over 4 TiB</option>
          </select>
        </label>
      </form>
      <p id="lv-fmt-err" className="lv-form-error" aria-live="polite">
        {sizeError ? `size: ${sizeError}` : fillError ? `filled: ${fillError}` : ''}
      </p>
      {comparison && (
        <table className="lv-table" data-testid="format-table">
          <caption>
            {formatBytes(comparison.input.fileBytes)} memfd, {comparison.folios.toLocaleString('en-US')} folios of {formatBytes(folio, 0)}, {comparison.populated.toLocaleString('en-US')} populated
          </caption>
          <thead>
            <tr>
              <th scope="col">format</th>
              <th scope="col" className="num">
                metadata
              </th>
              <th scope="col" className="num">
                extra memory
              </th>
              <th scope="col">how it is counted</th>
            </tr>
          </thead>
          <tbody>
            {comparison.rows.map((r) => (
              <tr key={r.format}>
                <th scope="row">
                  <span className={`lv-swatch lv-f-${r.format}`} aria-hidden="true" />
                  {FORMAT_LABEL[r.format]}
                </th>
                <td className="num">{formatBytes(r.metadataBytes)}</td>
                <td className="num">{formatBytes(r.extraMemoryBytes)}</td>
                <td className="lv-small">{r.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormatLegend />
      <FormatChart series={series} metric="metadataBytes" title={`Metadata handed over (log scale), ${formatBytes(folio, 0)} folios`} highlight={valid ? points.length - 1 : undefined} />
      <FormatChart series={series} metric="extraMemoryBytes" title="Extra memory: holes filled at preserve time (log scale; 0 where none)" highlight={valid ? points.length - 1 : undefined} />
    </div>
  );
}
