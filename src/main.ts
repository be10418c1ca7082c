import { mount } from 'svelte';
import Root from './ui/Root.svelte';
import { locale } from './ui/i18n/locale.svelte';
import { Lab } from './ui/state/Lab.svelte';
import { Layout } from './ui/state/Layout.svelte';
import { SCENARIOS } from './ui/state/scenarios';
import { Theme } from './ui/state/Theme.svelte';
import { Ui } from './ui/state/Ui.svelte';
import { installTestHook } from './ui/testHook';
import { registerServiceWorker } from './ship/registerServiceWorker';
import { createClusterClient } from './workers/client';
import './ui/styles/global.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element to mount Mesos Lab into');

document.documentElement.lang = locale.t.lang;
const client = createClusterClient();
const lab = new Lab(client, SCENARIOS);
const ui = new Ui();
const layout = new Layout();
const theme = new Theme();
installTestHook(lab);
mount(Root, { target, props: { lab, ui, layout, theme, client } });

void lab.run.boot(location.hash, location.search);
// After one visit the whole build is cached, so the lab also works offline (docs/deploy.md).
registerServiceWorker();

// A share link pasted into the address bar of an open page changes only the hash: open it too.
window.addEventListener('hashchange', () => {
  if (lab.share.isForeign(location.hash)) void lab.run.boot(location.hash, location.search);
});
