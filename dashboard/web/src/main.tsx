import { render } from 'preact';
import { App } from './app.tsx';
import './styles/base.css';
import './styles/layout.css';
import './styles/monitor.css';
import './styles/pages.css';
import './styles/phone.css';
import './styles/admin.css';
import './styles/bigscreen.css';
import './styles/stats.css';
import './styles/inspector.css';
import './styles/playback.css';

render(<App />, document.getElementById('app')!);
