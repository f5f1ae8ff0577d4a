/** The shape of the demo site's content: plain data, loaded by demo/load-demo.ts through the services. */
export interface DemoPerson {
  /** Local key that blogs, posts and contacts use to refer to this person. */
  key: string;
  name: string;
  jobTitle: string;
  organisation: string;
  bio: string;
  email?: string;
  phone?: string;
  /** An invited guest expert, marked as such in bylines. */
  guest?: boolean;
}

export interface DemoBlog {
  slug: string;
  title: string;
  description: string;
  /** Person keys, in order; the first is shown in the blog's profile box. */
  owners: string[];
}

export interface DemoContact {
  /** Either a person key or a free-text name. */
  person?: string;
  name?: string;
  role: string;
  phone?: string;
  email?: string;
}

export interface DemoComment {
  name: string;
  email: string;
  body: string;
  /** Minutes after the post was published. */
  minutesAfter: number;
  replies?: DemoComment[];
}

export interface DemoPost {
  /** Blog slug. */
  blog: string;
  title: string;
  lead: string;
  /** Markdown; subheadings as "## ". */
  body: string;
  authors: { person: string; note?: string }[];
  tags: string[];
  /** Published this many days before the demo is loaded; negative means scheduled in the future. */
  daysAgo: number;
  relatedLinks?: { title: string; url: string; description?: string }[];
  infoBoxes?: { heading: string; body?: string; contacts: DemoContact[] }[];
  comments?: DemoComment[];
}

export interface DemoContent {
  site: { title: string; description: string };
  people: DemoPerson[];
  blogs: DemoBlog[];
  posts: DemoPost[];
}
