export interface DemoItemTable {
  item_type: 'person' | 'blog' | 'post' | 'comment' | 'upload';
  item_id: string;
}
