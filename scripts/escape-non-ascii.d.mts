export function escapeNonAscii(text: string, fileName?: string): string;
