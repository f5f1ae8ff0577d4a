declare const safeHtmlBrand: unique symbol;

/** HTML that our own renderers produced and escaped; views may insert only this type raw. */
export type SafeHtml = string & { readonly [safeHtmlBrand]: true };

/** Marks renderer output as safe. Call only on HTML built by escaping every input. */
export const trustHtml = (html: string): SafeHtml => html as SafeHtml;
