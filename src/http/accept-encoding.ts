/** Which encodings the client takes, honouring `;q=0`. */
export function acceptedEncodings(header: string | undefined): { br: boolean; gzip: boolean } {
  const accepted = { br: false, gzip: false };
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if (q !== undefined && Number(q) <= 0) continue;
    if (name === 'br') accepted.br = true;
    else if (name === 'gzip' || name === 'x-gzip' || name === '*') accepted.gzip = true;
  }
  return accepted;
}
