export function trainCodeCache(file: string, loaderPath: string): Promise<boolean>;
