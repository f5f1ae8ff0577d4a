/**
 * A post's featured image (issue 13): the figure in the post's header, the picture in a list
 * entry, and the preload hint for the post page's <head>. Every <img> carries its width and height
 * (no layout shift) and a srcset; <source type="image/avif"> and "image/webp" offer those copies to
 * browsers that take them (AVIF once the background job has made it), and the others get the upload's own format.
 */
import { POST_COLUMN_SIZES } from '../../posts/markdown.js';
import type { FeaturedImage } from '../../uploads/media.service.js';
import { useView } from '../context.js';
import { useHideEmails } from './email.js';

export const POST_IMAGE_SIZES = POST_COLUMN_SIZES;
const LEAD_SIZES = '(min-width: 64rem) 62rem, calc(100vw - 2rem)';
const THUMB_SIZES = '(min-width: 40rem) 12rem, 7rem';

function Picture({ image, sizes, eager, class: className }: { image: FeaturedImage; sizes: string; eager: boolean; class: string }) {
  const hide = useHideEmails();
  return (
    <picture>
      {image.avifSrcset && <source type="image/avif" srcset={image.avifSrcset} sizes={sizes} />}
      {image.webpSrcset && <source type="image/webp" srcset={image.webpSrcset} sizes={sizes} />}
      <img
        class={className}
        src={image.src}
        srcset={image.srcset}
        sizes={sizes}
        width={image.width}
        height={image.height}
        alt={hide(image.alt)}
        loading={eager ? 'eager' : 'lazy'}
        decoding={eager ? undefined : 'async'}
        {...(eager ? { fetchpriority: 'high' } : {})}
      />
    </picture>
  );
}

/** The image in a post's header, with its caption and credit; the page's largest content, so never lazy. */
export function FeaturedFigure({ image }: { image: FeaturedImage }) {
  const { i18n } = useView();
  const hide = useHideEmails();
  return (
    <figure class="featured">
      <Picture image={image} sizes={POST_IMAGE_SIZES} eager class="featured__img" />
      {(image.caption || image.credit) && (
        <figcaption class="featured__caption">
          {image.caption && hide(image.caption)}
          {image.caption && image.credit && ' '}
          {image.credit && <span class="featured__credit">{i18n.t('image.credit', { credit: hide(image.credit) })}</span>}
        </figcaption>
      )}
    </figure>
  );
}

/**
 * The preload hint for the post page: the browser starts fetching the header image with the
 * stylesheet instead of after laying out the page. It names the copies the figure's <picture> will
 * pick (AVIF, else WebP, when there are such copies; a browser that does not take the type ignores
 * the hint, and the figure still loads what it does take).
 */
export function FeaturedPreload({ image }: { image: FeaturedImage }) {
  const [type, srcset] = image.avifSrcset
    ? ['image/avif', image.avifSrcset]
    : image.webpSrcset
      ? ['image/webp', image.webpSrcset]
      : [undefined, image.srcset];
  return (
    <link
      rel="preload"
      as="image"
      {...(type ? { type } : {})}
      // preact's types do not know the two attributes yet; they are written as named.
      {...({ imagesrcset: srcset, imagesizes: POST_IMAGE_SIZES } as Record<string, string>)}
      fetchpriority="high"
    />
  );
}

/**
 * The picture in a list entry: large for the front page's lead story (eager: it is the first thing
 * on the page), a small thumbnail for the others (lazy: most sit below the fold). The entry's title
 * links to the post, so the picture is no second link; its alt text still says what it shows.
 */
export function SummaryImage({ image, lead }: { image: FeaturedImage; lead: boolean }) {
  return (
    <div class={lead ? 'summary__image summary__image--lead' : 'summary__image'}>
      <Picture image={image} sizes={lead ? LEAD_SIZES : THUMB_SIZES} eager={lead} class="summary__img" />
    </div>
  );
}
