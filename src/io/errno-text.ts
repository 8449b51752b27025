const WORDS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EEXIST: 'already exists',
};

/** A file-system error in words (`no such directory`), for a one-line message; `kind` names what was wanted. */
export function errnoText(error: unknown, kind: 'file' | 'directory' = 'file'): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return `no such ${kind}`;
  if (code !== undefined && WORDS[code] !== undefined) return WORDS[code];
  return code ?? (error instanceof Error ? error.message : String(error));
}
