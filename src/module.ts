import { DataSourcePlugin } from '@grafana/data';
import { DataSource } from './datasource';
import { lazyComponent } from './components/lazyComponent';
import { QueryEditor } from './components/QueryEditor';
import { QueryEditorHelp } from './components/QueryEditorHelp';
import { GnocchiOptions, GnocchiQuery } from './types';

// The config editor loads as a chunk of its own when the data source page opens.
const ConfigEditor = lazyComponent(
  () => import('./components/ConfigEditor').then((m) => m.ConfigEditor),
  'Loading the settings'
);

export const plugin = new DataSourcePlugin<DataSource, GnocchiQuery, GnocchiOptions>(DataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor)
  .setQueryEditorHelp(QueryEditorHelp);
