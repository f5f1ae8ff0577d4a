/** Reading a subcommand's own arguments with node:util parseArgs, strictly: a wrong option is a usage error. */

/**
 * Runs `parse` (a strict parseArgs call); on an unknown option, a missing value or a stray argument it prints
 * parseArgs' explanation and the usage line, and returns undefined for the command to exit with 2.
 */
export function readArgs<T>(parse: () => T, usage: string): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof TypeError) || !String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_')) throw error;
    console.error(`${error.message}\n${usage}`);
    return undefined;
  }
}
