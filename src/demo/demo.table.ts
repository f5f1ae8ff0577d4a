export interface DemoItemTable {
  item_type: 'person' | 'blog' | 'post' | 'comment';
  item_id: string;
}
