/** A LIKE/ILIKE pattern that finds `text` anywhere, with the pattern's own wildcards escaped (a typed `%` or `_` is matched literally). */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
