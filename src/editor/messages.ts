/**
 * The editor pane's words, in English and Simplified Chinese (the app's two languages). The pane takes the
 * language as a prop; Mesos's own names (framework, offer, role, TASK_FINISHED, …) stay as Mesos spells them.
 */
import { LIMITS } from '../cluster/sandbox/limits';
import type { TraceWords } from './learnerTrace';
import type { Phase } from './RunPhase';

export type EditorLang = 'en' | 'zh';

export interface EditorMessages {
  region: string;
  heading: string;
  tabs: string;
  newTab: string;
  closeTab: (name: string) => string;
  reopen: string;
  run: string;
  runHint: string;
  stop: string;
  reset: string;
  undoReset: string;
  role: string;
  roleHint: string;
  roleLocked: string;
  failoverTimeout: string;
  failoverTimeoutHint: string;
  failoverTimeoutLocked: string;
  /** What Run of the shown code will do to the live framework's running tasks, by its failover_timeout. */
  failoverNotice: (framework: string, seconds: number, running: number) => string;
  examples: string;
  bad: string;
  loading: string;
  failed: (why: string) => string;
  codeLabel: (name: string) => string;
  plainLabel: (name: string) => string;
  linkNotice: (n: number) => string;
  dismiss: string;
  unresponsiveTitle: (framework: string) => string;
  unresponsiveHelp: (failoverTimeout: number) => string;
  saveFailed: (why: string) => string;
  phase: (phase: Phase, framework: string | null, role: string, failoverTimeout: number) => string;
  changed: string;
  stats: (s: {
    offers: number;
    declined: number;
    held: number;
    running: number;
    finished: number;
    failed: number;
  }) => string;
  console: string;
  clear: string;
  empty: string;
  goToLine: (line: number) => string;
  line: (line: number) => string;
  /** What the trace says of the learner's frameworks, as console lines. */
  trace: TraceWords;
  notes: {
    reset: string;
    notReady: string;
    couldNotCompile: (why: string) => string;
    notRun: (errors: number) => string;
    error: string;
    warning: string;
    refused: (why: string) => string;
    adding: (id: string, role: string) => string;
    failover: (id: string, failoverTimeout: number) => string;
    ended: string;
    paused: string;
    stopping: (id: string) => string;
    notStopped: (why: string) => string;
    restarted: string;
  };
}

export const en: EditorMessages = {
  region: 'Scheduler editor',
  heading: 'Your scheduler',
  tabs: 'Schedulers',
  newTab: 'New scheduler',
  closeTab: (name) => `Close ${name}`,
  reopen: 'Reopen closed tab',
  run: 'Run',
  runHint: 'Run (Ctrl+Enter): compile and add it to the cluster; while it runs, fail over to the new code',
  stop: 'Stop',
  reset: 'Reset',
  undoReset: 'Undo reset',
  role: 'Role',
  roleHint: 'The role the framework subscribes to; DRF shares resources between roles.',
  roleLocked: 'A running framework keeps its role; Stop, then Run, to use another.',
  failoverTimeout: 'failover_timeout (s)',
  failoverTimeoutHint:
    'FrameworkInfo.failover_timeout: how long the master keeps the framework and its tasks after its scheduler exits. Run of changed code is a failover: above 0 the tasks keep running; 0 means the master removes the framework and kills its tasks.',
  failoverTimeoutLocked:
    'A running framework keeps the failover_timeout it subscribed with; Stop, then Run, to use another.',
  failoverNotice: (fw, seconds, running) =>
    seconds > 0
      ? `Run fails framework ${fw} over to the new code. Its failover_timeout is ${seconds} s, so the master keeps it while the new scheduler re-registers: its ${running} running ${running === 1 ? 'task keeps' : 'tasks keep'} running.`
      : `Run fails framework ${fw} over, but its failover_timeout is 0 s: when the old scheduler exits the master removes the framework and kills its ${running} running ${running === 1 ? 'task' : 'tasks'} (TASK_KILLED), and refuses the new code under the old id. Run again then adds a new framework.`,
  examples: 'Examples',
  bad: 'bad',
  loading: 'Loading the editor…',
  failed: (why) =>
    `The code editor could not load (${why}). Your code is safe and can be edited here; reload the page to run it.`,
  codeLabel: (name) => `Scheduler code: ${name}. Escape leaves the code.`,
  plainLabel: (name) => `Scheduler code: ${name} (plain text)`,
  linkNotice: (n) =>
    `${n === 1 ? 'This scheduler came' : `${n} schedulers came`} in the shared link. ${n === 1 ? 'It is' : 'They are'} shown, not running: read the code, then press Run.`,
  dismiss: 'Dismiss',
  unresponsiveTitle: (fw) => `Framework ${fw} unresponsive`,
  unresponsiveHelp: (seconds) =>
    seconds > 0
      ? `A callback ran past its 1 s budget, so its scheduler was stopped and the master saw the framework disconnect. Your code is intact: fix it and press Run within ${seconds} s to fail over under the same framework id.`
      : 'A callback ran past its 1 s budget, so its scheduler was stopped; with failover_timeout 0 the master removed the framework and killed its tasks. Your code is intact: fix it and press Run to add a new framework.',
  saveFailed: (why) =>
    `Your code could not be saved in this browser (${why}). Copy it somewhere before leaving.`,
  phase: (phase, fw, role, seconds) => {
    switch (phase) {
      case 'idle':
        return 'Not running. Run adds it to the cluster as a new framework.';
      case 'compiling':
        return 'Compiling…';
      case 'starting':
        return `Starting framework ${fw} in role ${role}…`;
      case 'failing-over':
        return `Failing over framework ${fw} to the new code…`;
      case 'running':
        return `Running as framework ${fw} in role ${role}.`;
      case 'disconnected':
        return `Framework ${fw} is disconnected. Run within its ${seconds} s failover timeout to take it over with your code.`;
      case 'stopping':
        return `Stopping framework ${fw}…`;
      case 'stopped':
        return `Framework ${fw} was torn down. Run adds a new framework.`;
      case 'removed':
        return `The master removed framework ${fw}. Run adds a new framework.`;
    }
  },
  changed: 'Changed since Run: Run again to fail over to this code.',
  stats: (s) =>
    `offers ${s.offers} · declined ${s.declined} · held ${s.held} · tasks: ${s.running} running, ${s.finished} finished, ${s.failed} failed`,
  console: 'Console',
  clear: 'Clear',
  empty: 'Console output, errors and your tasks’ states appear here.',
  goToLine: (line) => `Go to line ${line}`,
  line: (line) => `line ${line}`,
  trace: {
    task: (task, state, agent, reason, message) =>
      `task ${task} ${state} on ${agent}${reason ? ` (${reason})` : ''}${message ? `: ${message}` : ''}`,
    registered: (fw, roles) => `framework ${fw} registered in role ${roles}`,
    reregistered: (fw) => `framework ${fw} re-registered`,
    disconnected: (fw, reason) => `framework ${fw} disconnected: ${reason}`,
    removed: (fw, reason) => `framework ${fw} removed${reason ? `: ${reason}` : ''}`,
    inCallback: (message, callback) => `${message} (in ${callback})`,
    output: (task, stream, text) => `${task} ${stream}: ${text}`,
    capped: (capped, n, callback) =>
      capped === 'callback'
        ? `Output dropped: ${n} more ${n === 1 ? 'line' : 'lines'}${callback ? ` from ${callback}` : ''} were not shown (one callback may print ${LIMITS.linesPerCallback} lines).`
        : `Output dropped: this run printed ${LIMITS.linesPerRun} lines, the most one run may; later output is not shown.`,
  },
  notes: {
    reset: 'Reset to the starter code. "Undo reset" brings your code back.',
    notReady: 'The code editor has not loaded, so the code cannot be compiled yet.',
    couldNotCompile: (why) => `Could not compile: ${why}`,
    notRun: (n) => `Not run: ${n} ${n === 1 ? 'error' : 'errors'} to fix first.`,
    error: 'Error',
    warning: 'Warning',
    refused: (why) => `Not run: ${why}`,
    adding: (id, role) => `Run: adding framework ${id} in role ${role}.`,
    failover: (id, seconds) =>
      seconds > 0
        ? `Run: scheduler failover. The new code re-registers as framework ${id}; its tasks keep running.`
        : `Run: scheduler failover with failover_timeout 0. The master removes framework ${id} and kills its tasks; the new code is refused.`,
    ended: 'The scenario has reached its end time; restart the cluster to see offers.',
    paused: 'The cluster is paused: press Play to see offers arrive.',
    stopping: (id) => `Stop: tearing down framework ${id}. Your code stays here.`,
    notStopped: (why) => `Not stopped: ${why}`,
    restarted: 'The cluster restarted, without your framework: press Run to add it again.',
  },
};

export const zh: EditorMessages = {
  region: '调度器编辑器',
  heading: '你的调度器',
  tabs: '调度器',
  newTab: '新建调度器',
  closeTab: (name) => `关闭 ${name}`,
  reopen: '重新打开已关闭的标签',
  run: '运行',
  runHint: '运行（Ctrl+Enter）：编译并加入集群；运行中再次运行则故障转移到新代码',
  stop: '停止',
  reset: '重置',
  undoReset: '撤销重置',
  role: '角色',
  roleHint: '框架订阅的角色；DRF 在角色之间分配资源。',
  roleLocked: '运行中的框架保持其角色；先停止再运行才能换角色。',
  failoverTimeout: 'failover_timeout（秒）',
  failoverTimeoutHint:
    'FrameworkInfo.failover_timeout：调度器退出后，master 保留该框架及其任务的时长。运行改动后的代码就是一次故障转移：大于 0 时任务继续运行；为 0 时 master 移除框架并杀掉它的任务。',
  failoverTimeoutLocked: '运行中的框架保持订阅时的 failover_timeout；先停止再运行才能换。',
  failoverNotice: (fw, seconds, running) =>
    seconds > 0
      ? `“运行”会把框架 ${fw} 故障转移到新代码。它的 failover_timeout 是 ${seconds} 秒，master 会在新调度器重新注册期间保留它：它正在运行的 ${running} 个任务会继续运行。`
      : `“运行”会对框架 ${fw} 做故障转移，但它的 failover_timeout 是 0 秒：旧调度器一退出，master 就移除该框架并杀掉它正在运行的 ${running} 个任务（TASK_KILLED），并拒绝新代码以旧 id 订阅。之后再按“运行”会添加一个新框架。`,
  examples: '示例',
  bad: '反例',
  loading: '正在加载编辑器…',
  failed: (why) => `代码编辑器未能加载（${why}）。你的代码是安全的，可以在这里编辑；刷新页面后才能运行。`,
  codeLabel: (name) => `调度器代码：${name}。按 Esc 离开代码。`,
  plainLabel: (name) => `调度器代码：${name}（纯文本）`,
  linkNotice: (n) => `分享链接带来了 ${n} 个调度器。它们只被显示，没有运行：读过代码后按“运行”。`,
  dismiss: '关闭',
  unresponsiveTitle: (fw) => `框架 ${fw} 无响应`,
  unresponsiveHelp: (seconds) =>
    seconds > 0
      ? `某个回调超出了 1 秒的预算，调度器因此被停止，master 看到该框架断开。你的代码完好无损：修改后在 ${seconds} 秒内按“运行”，即以同一 framework id 故障转移。`
      : '某个回调超出了 1 秒的预算，调度器因此被停止；由于 failover_timeout 为 0，master 已移除该框架并杀掉它的任务。你的代码完好无损：修改后按“运行”会添加一个新框架。',
  saveFailed: (why) => `你的代码无法保存在此浏览器中（${why}）。离开前请先复制到别处。`,
  phase: (phase, fw, role, seconds) => {
    switch (phase) {
      case 'idle':
        return '未运行。“运行”会把它作为新框架加入集群。';
      case 'compiling':
        return '正在编译…';
      case 'starting':
        return `正在以角色 ${role} 启动框架 ${fw}…`;
      case 'failing-over':
        return `正在把框架 ${fw} 故障转移到新代码…`;
      case 'running':
        return `正在以框架 ${fw}、角色 ${role} 运行。`;
      case 'disconnected':
        return `框架 ${fw} 已断开。在 ${seconds} 秒的 failover_timeout 内按“运行”，用你的代码接管它。`;
      case 'stopping':
        return `正在停止框架 ${fw}…`;
      case 'stopped':
        return `框架 ${fw} 已被拆除（teardown）。“运行”会添加一个新框架。`;
      case 'removed':
        return `master 已移除框架 ${fw}。“运行”会添加一个新框架。`;
    }
  },
  changed: '运行后代码有改动：再次运行即故障转移到这份代码。',
  stats: (s) =>
    `offer ${s.offers} · 已拒绝 ${s.declined} · 持有 ${s.held} · 任务：运行中 ${s.running}，已完成 ${s.finished}，失败 ${s.failed}`,
  console: '控制台',
  clear: '清空',
  empty: '控制台输出、错误和任务状态会显示在这里。',
  goToLine: (line) => `跳到第 ${line} 行`,
  line: (line) => `第 ${line} 行`,
  trace: {
    task: (task, state, agent, reason, message) =>
      `任务 ${task} 在 ${agent} 上 ${state}${reason ? `（${reason}）` : ''}${message ? `：${message}` : ''}`,
    registered: (fw, roles) => `framework ${fw} 已在 role ${roles} 中注册`,
    reregistered: (fw) => `framework ${fw} 已重新注册`,
    disconnected: (fw, reason) => `framework ${fw} 已断开：${reason}`,
    removed: (fw, reason) => `framework ${fw} 已被移除${reason ? `：${reason}` : ''}`,
    inCallback: (message, callback) => `${message}（在 ${callback} 中）`,
    output: (task, stream, text) => `${task} ${stream}：${text}`,
    capped: (capped, n, callback) =>
      capped === 'callback'
        ? `输出被丢弃：${callback ? `${callback} 的` : ''}另外 ${n} 行没有显示（一个回调最多打印 ${LIMITS.linesPerCallback} 行）。`
        : `输出被丢弃：这次运行已打印 ${LIMITS.linesPerRun} 行，达到一次运行的上限；之后的输出不再显示。`,
  },
  notes: {
    reset: '已重置为初始代码。“撤销重置”可以找回你的代码。',
    notReady: '代码编辑器尚未加载，暂时无法编译。',
    couldNotCompile: (why) => `无法编译：${why}`,
    notRun: (n) => `未运行：先修正 ${n} 个错误。`,
    error: '错误',
    warning: '警告',
    refused: (why) => `未运行：${why}`,
    adding: (id, role) => `运行：以角色 ${role} 添加框架 ${id}。`,
    failover: (id, seconds) =>
      seconds > 0
        ? `运行：调度器故障转移。新代码以框架 ${id} 重新注册，其任务继续运行。`
        : `运行：failover_timeout 为 0 的调度器故障转移。master 移除框架 ${id} 并杀掉它的任务；新代码被拒绝。`,
    ended: '场景已到结束时间；重启集群才能看到 offer。',
    paused: '集群已暂停：按“播放”即可看到 offer 到来。',
    stopping: (id) => `停止：正在拆除框架 ${id}。你的代码仍在这里。`,
    notStopped: (why) => `未停止：${why}`,
    restarted: '集群已重启，其中没有你的框架：按“运行”重新添加。',
  },
};

export const MESSAGES: Record<EditorLang, EditorMessages> = { en, zh };
