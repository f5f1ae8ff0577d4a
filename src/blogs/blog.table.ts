export interface BlogTable {
  id: string;
  slug: string;
  title: string;
  description: string;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface BlogOwnerTable {
  blog_id: string;
  person_id: string;
  position: number;
}
