import { followerText } from '../../followers/follower.messages.js';
import { useView } from '../context.js';
import { useHideEmails } from './email.js';

export interface FollowTargets {
  blog?: { slug: string; title: string } | undefined;
  authors?: readonly { slug: string; name: string }[] | undefined;
  tags?: readonly { slug: string; name: string }[] | undefined;
}

/**
 * The follow-by-e-mail form. Public pages are cached for every reader, so it holds nothing of
 * one reader: the same HTML for all, with a hidden field only bots fill in.
 */
export function FollowForm({ blog, authors = [], tags = [] }: FollowTargets) {
  const { i18n, site, path } = useView();
  const hide = useHideEmails();
  const t = followerText(i18n.lang);
  const choices = [
    { value: 'site', label: t('form.site', { site: hide(site.title) }) },
    ...(blog ? [{ value: `blog:${blog.slug}`, label: t('form.blog', { name: hide(blog.title) }) }] : []),
    ...authors.map((a) => ({ value: `author:${a.slug}`, label: t('form.author', { name: hide(a.name) }) })),
    ...tags.map((tag) => ({ value: `tag:${tag.slug}`, label: t('form.tag', { name: hide(tag.name) }) })),
  ];
  // What the page is about comes ticked (the blog under a post); the reader may tick more.
  const preselected = (tags.length === 1 && !blog ? choices[choices.length - 1] : blog ? choices[1] : choices[choices.length - 1])!.value;
  return (
    <section class="comment-form follow-form" aria-labelledby="follow-heading">
      <h2 id="follow-heading">{t('form.heading')}</h2>
      <p id="follow-intro">{t('form.intro')}</p>
      <form method="post" action="/follow">
        <input type="hidden" name="from" value={path} />
        <div class="field">
          <label for="follow-email">{t('form.email')}</label>
          <input
            id="follow-email"
            name="email"
            type="email"
            autocomplete="email"
            required
            maxLength={200}
            aria-describedby="follow-intro"
          />
        </div>
        <fieldset class="follow-form__topics">
          <legend>{t('form.what')}</legend>
          {choices.map((choice, i) => (
            <p class="field checkbox" key={choice.value}>
              <input id={`follow-topic-${i}`} name="topic" type="checkbox" value={choice.value} checked={choice.value === preselected} />
              <label for={`follow-topic-${i}`}>{choice.label}</label>
            </p>
          ))}
        </fieldset>
        <p class="hp" aria-hidden="true">
          <label for="follow-website">{t('form.honeypot')}</label>
          <input id="follow-website" name="website" type="text" tabIndex={-1} autocomplete="off" value="" />
        </p>
        <p>
          <button type="submit">{t('form.submit')}</button>
        </p>
      </form>
    </section>
  );
}
