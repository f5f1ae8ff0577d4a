export interface RedirectTable {
  from_path: string;
  to_path: string;
  created_at: string;
}
