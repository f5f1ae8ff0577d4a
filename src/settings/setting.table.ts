export interface SettingTable {
  key: string;
  /** JSON text, so one column holds strings, numbers and lists alike. */
  value: string;
  updated_at: string;
}
