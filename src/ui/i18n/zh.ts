/**
 * 简体中文. The same keys as en.ts (the compiler checks it). Mesos terms that learners will meet in Mesos's
 * own documentation keep their English names: offer, framework, agent, role, TASK_RUNNING, refuse_seconds.
 */
import type { TraceEvent } from '../../cluster/trace';
import type { Messages } from './en';

const secs = (x: number): string => `${Number(x.toFixed(3))} 秒`;

export const zh: Messages = {
  lang: 'zh-CN',
  languageName: '简体中文',
  appName: 'Mesos Lab',
  tagline: '浏览器里的 Apache Mesos：实时观察 offer 与 DRF',

  header: {
    scenario: '场景',
    customScenario: (name: string) => `自定义：${name}`,
    seed: '随机种子',
    restart: '重新开始',
    restartHint: '用这个种子重新运行场景',
    newSeed: '新种子',
    newSeedHint: '用随机种子重新运行',
    builder: '构建场景',
    copyLink: '复制分享链接',
    linkCopied: '链接已复制',
    linkCopyFailed: '复制失败：链接就在地址栏里',
    presentation: '演示模式',
    language: '语言',
    shortcuts: '键盘快捷键',
    about: (name: string) => `关于 ${name}`,
  },

  layout: {
    modes: '工作台模式',
    mode: { watch: '观察', code: '代码', lesson: '课程' },
    modeHint: {
      watch: '放大观察集群（按键 1）',
      code: '在实时集群旁编写调度器（按键 2）',
      lesson: '一节课、它的编辑器和实时集群（按键 3）',
    },
    panes: '窗格',
    stack: { cluster: '集群', lesson: '课程', code: '代码', log: '日志' },
    splitterHint: '拖动或用方向键调整大小；按 Enter 复原',
    resize: {
      watchBottom: '调整集群与下方面板的大小',
      watchLog: '调整事件日志与 DRF 面板的大小',
      code: '调整编辑器与集群的大小',
      lesson: '调整课程与编辑器的大小',
      lessonCode: '调整编辑器与集群的大小',
      sideBottom: '调整集群与下方面板的大小',
    },
    bottom: '面板',
    darkTheme: '深色主题',
    lessonsEmpty: '打开一节课，就可以在这里编写它的调度器。',
  },

  lessons: {
    course: '课程',
    list: '课程',
    done: '已通过',
    open: (n: number, title: string) => `第 ${n} 课：${title}`,
    back: '全部课程',
    hints: '提示',
    hint: (n: number) => `提示 ${n}`,
    check: '检查我的答案',
    checking: '正在用三个种子检查……',
    passed: '通过：每一项检查在每个种子上都成立。',
    failed: '还没有：有检查未通过。',
    error: (m: string) => `检查无法运行：${m}`,
    progress: (n: number, total: number) => `已通过 ${n} / ${total} 课`,
    exportProgress: '导出进度',
    importProgress: '导入进度',
    imported: '进度已导入。',
    importFailed: (m: string) => `无法导入该文件：${m}`,
    verdict: '结论',
    playing: (seed: number) => `集群正在播放被评分的运行（种子 ${seed}）。`,
    showRun: (seed: number) => `显示被评分的运行（种子 ${seed}）`,
    atMoment: (t: number) => `于 ${secs(t)}`,
    goToMoment: (name: string, t: number) => `${name}：显示 ${secs(t)}这一刻`,
    goal: '你的运行与参考答案的运行对照',
    goalCaption: (seed: number) => `种子 ${seed} 的运行结束时：运行中和已完成的任务数，以及主导份额。`,
    framework: 'Framework',
    yours: '你的',
    goalColumn: '目标',
    outcome: (running: number, finished: number, share: number) =>
      `运行中 ${running} · 已完成 ${finished} · 份额 ${share.toFixed(2)}`,
    breakIt: '找破绽',
    breakItHelp:
      '在随机故障（agent 崩溃、网络分区、master 故障切换、不稳定的链路）下反复运行你的调度器，寻找能让它出错的故障序列',
    stopBreaking: '停止搜索',
    breaking: (runs: number, faults: number, seconds: number) =>
      `正在尝试故障序列：已运行 ${runs} 次，共 ${faults} 个故障，用时 ${Math.round(seconds)} 秒。`,
    shrinking: (runs: number, seconds: number) =>
      `找到了能让它出错的故障序列，正在把它缩到最小（已运行 ${runs} 次，用时 ${Math.round(seconds)} 秒）……`,
    searched: (runs: number, faults: number, simulations: number, seconds: number) =>
      `搜索了 ${runs} 个故障序列，共 ${faults} 个故障（含缩小在内共运行 ${simulations} 次），用时 ${Math.round(seconds)} 秒。`,
    breakError: (m: string) => `搜索无法运行：${m}`,
    breakStopped: '已停止：没有报告故障序列。',
    unbroken: (runs: number, faults: number) =>
      `没有故障序列能让它出错：共运行 ${runs} 次，${faults} 个故障。这次搜索没有抽到的故障仍可能让它出错。`,
    broken: '在故障下出错：',
    brokenFaults: (faults: number, seed: number) =>
      faults === 0
        ? `不需要任何故障就会出错（种子 ${seed}）。`
        : `找到的最小故障序列：${faults} 个故障，种子 ${seed}。`,
    showBroken: (t: number) => `在实时视图中查看，停在 ${secs(t)}`,
    copyBroken: '复制它的链接',
    copied: '链接已复制。',
    copyFailed: '无法复制：链接就在地址栏里。',
  },

  cluster: {
    region: '集群',
    about: '关于这个场景',
    more: '展开',
    less: '收起',
    frameworks: 'Framework',
    masters: 'Master',
    agents: 'Agent',
    noFrameworks: '没有 framework。',
    noAgents: '没有 agent。',
    legendUsed: '任务占用',
    legendOffered: '已 offer',
    legendFree: '空闲',
    legend: '图例',
    master: {
      leading: '领导者',
      standby: '备用',
      failed: '已故障',
    },
    leaderMark: '领导者',
    noLeader: '没有领导 master：备用 master 正在等待 ZooKeeper 会话过期。',
    interval: (x: number) => `每 ${secs(x)}分配一次`,
    lastRun: (t: number, offers: number) => `上次分配于 ${secs(t)}：${offers} 个 offer`,
    partition: (a: string, b: string, until: number) => `${a} ⟷ ${b} 断开，直到 ${secs(until)}`,
    agentStatus: {
      pending: '注册中',
      active: '已注册',
      crashed: '已崩溃',
      unreachable: '不可达',
      reregistering: '重新注册中',
    },
    agentStatusHelp: {
      pending: '尚未向 master 注册。',
      active: '已向领导 master 注册。',
      crashed: 'agent 进程已经死亡。master 还没有察觉：它仍然认为这些任务在运行。',
      unreachable: 'master 已移除这个 agent；它的任务被报告为丢失。',
      reregistering: '正在等待向领导 master 重新注册。',
    },
    partitioned: '网络分区',
    partitionedHelp: '在分区恢复之前，这个 agent 与 master 之间的消息都会丢失。',
    agentCard: (id: string) => `Agent ${id}`,
    resources: '资源',
    barLabel: (name: string, used: string, offered: string, free: string, total: string) =>
      `${name}：共 ${total}，使用 ${used}，offer ${offered}，空闲 ${free}`,
    tasks: '任务',
    noTasks: '没有任务',
    moreTasks: (n: number) => `还有 ${n} 个`,
    holdings: '预留与持久卷',
    reservation: (role: string, dynamic: boolean, amounts: string) =>
      `预留给 ${role}${dynamic ? '（动态）' : ''}：${amounts}`,
    reservationHelp: (dynamic: boolean) =>
      dynamic
        ? '动态预留，由 RESERVE 操作创建：在 UNRESERVE 归还之前只 offer 给这个 role。agent 会把它写入检查点，所以它能在重启和重新开机后保留下来。'
        : '静态预留，来自 agent 启动时声明的资源：只 offer 给这个 role。',
    volume: (id: string, size: string, role: string) => `持久卷 ${id}：${size}（${role}）`,
    volumeHelp: (path: string) =>
      `预留磁盘上的持久卷（CREATE 操作），任务在 ${path} 看到它。它的数据比使用它的任务活得更久；任务结束后它会再次被 offer，直到 DESTROY。`,
    executors: 'Executor 列表',
    executor: (id: string, framework: string, amounts: string) =>
      `${id}（${framework}）${amounts ? `：${amounts}` : ''}`,
    executorHelp: (command: boolean) =>
      command
        ? '一个命令任务专属的命令 executor：它只运行这个任务，并随任务一起退出。'
        : '自定义 executor：它自己的资源在它退出之前一直分配给它的 framework，与它的任务并列。',
    commandExecutors: (n: number) => `${n} 个命令 executor`,
    filters: '拒绝过滤器',
    filter: (fw: string, left: number) => `${fw} 已拒绝：剩 ${left.toFixed(1)} 秒`,
    filterHelp: (fw: string, role: string, until: number, refuse: number) =>
      `Framework ${fw}（role ${role}）以 refuse_seconds ${refuse} 拒绝了这个 agent 上的资源；在 ${secs(until)}之前不会再把它们 offer 给它（至少一个分配间隔）。`,
    frameworkCard: (id: string) => `Framework ${id}`,
    roles: 'role',
    weight: '权重',
    quota: '配额',
    guarantees: '保证',
    limits: '上限',
    kind: {
      batch: (n?: number) => `批处理，${n ?? '?'} 个任务`,
      service: (n?: number) => `服务，${n ?? '?'} 个实例`,
      scripted: () => '脚本式（保留 offer）',
      code: () => '学习者代码',
    },
    frameworkStatus: {
      pending: '订阅中',
      active: '活跃',
      disconnected: '已断开',
      reregistering: '重新注册中',
      removed: '已移除',
    },
    suppressed: '已抑制',
    share: '份额',
    allocations: '分配次数',
    offersReceived: 'offer',
    declined: '拒绝',
    running: '运行中',
    finished: '已完成',
    lost: '丢失',
    failed: '失败',
    holding: '持有',
    offerButton: (offer: string, agent: string) => `为什么 offer ${offer} 在 ${agent} 上`,
  },

  task: {
    state: {
      TASK_STAGING: '准备中',
      TASK_STARTING: '启动中',
      TASK_RUNNING: '运行中',
      TASK_KILLING: '终止中',
      TASK_FINISHED: '已完成',
      TASK_FAILED: '失败',
      TASK_KILLED: '已终止',
      TASK_ERROR: '错误',
      TASK_LOST: '丢失',
      TASK_DROPPED: '已丢弃',
      TASK_UNREACHABLE: '不可达',
      TASK_GONE: '已消失',
      TASK_GONE_BY_OPERATOR: '已消失（运维）',
      TASK_UNKNOWN: '未知',
    },
    orphaned: '已消失：它的 agent 重启后不再有它，也没有 master 知道它',
    chip: (id: string, fw: string, state: string, agent: string) => `任务 ${id}（${fw}，${agent}）：${state}`,
  },

  faults: {
    region: '故障',
    agent: 'Agent',
    kill: '杀掉 agent',
    restart: '重启 agent',
    partition: '与 master 分区',
    seconds: '秒数',
    failover: 'master 故障切换',
    addAgent: '添加 agent',
    addResources: '新 agent 的资源',
    pastHint: '回到实时再注入故障：故障发生在当前时刻。',
    rejected: '这个故障没有被应用',
    injected: (what: string) => `已应用：${what}`,
  },

  timeline: {
    region: '时间线',
    play: '播放',
    pause: '暂停',
    step: '前进一个事件',
    stepBack: '后退一个事件',
    speed: '速度',
    max: '最快',
    time: '时间',
    timeValue: (t: number, until: number) => `${secs(t)} / ${secs(until)}`,
    eventCount: (i: number, n: number) => `第 ${i} 个事件，共 ${n} 个`,
    live: '回到实时',
    liveBadge: '实时',
    pastBadge: '回放',
    finished: '已结束',
    paused: '已暂停',
    playing: '播放中',
  },

  log: {
    region: '事件日志',
    title: '事件日志',
    framework: 'Framework',
    agent: 'Agent',
    type: '类型',
    all: '全部',
    empty: '还没有事件。按“播放”。',
    shown: (matching: number, total: number) =>
      matching < total ? `${total} 个事件中有 ${matching} 个符合` : `${total} 个事件`,
    why: '为什么？',
    whyLabel: (offer: string) => `为什么 offer ${offer}`,
    exportTrace: '导出 trace（JSON Lines）',
  },

  drf: {
    region: '主导资源公平（DRF）',
    title: 'DRF',
    tabs: 'DRF 视图',
    sharesTab: '份额',
    whyTab: '为什么是这个 offer',
    chartLabel:
      '折线图：每个 framework（实线）和 role（虚线）的主导份额随虚拟时间的变化；旁边的排序列出当前值。',
    chartEmpty: '分配器运行后，图表会逐渐填满。',
    axisTime: '虚拟时间（秒）',
    axisShare: '主导份额',
    frameworkSeries: (id: string) => `framework ${id}`,
    roleSeries: (role: string) => `role ${role}`,
    exportPng: '导出图表（PNG）',
    order: '排序',
    orderHelp:
      '下一次分配先按这个顺序服务 role，再服务 role 内的 framework：加权份额低者优先，其次分配次数少者，最后按名称。',
    rank: '#',
    role: 'Role',
    framework: 'Framework',
    share: '份额',
    count: '分配次数',
    weight: '权重',
    noAllocation: '分配器还没有运行。',
  },

  why: {
    pick: '选择一个 offer（事件日志中的“为什么？”，或 framework 持有的 offer），查看分配器当时的决定。',
    loading: (offer: string) => `正在重放运行过程，直到 offer ${offer}……`,
    none: (offer: string) => `重放中没有产生 offer ${offer}。`,
    failed: (offer: string) => `无法解释 offer ${offer}。`,
    heading: (offer: string, fw: string, agent: string) => `Offer ${offer}：发给 ${fw}，在 ${agent} 上`,
    at: (t: number, role: string) => `于 ${secs(t)}在 role ${role} 中产生`,
    stage: { guarantees: '阶段 1：配额保证', 'fair-share': '阶段 2：公平份额（DRF）' },
    roleOrder: 'Role 顺序',
    frameworkOrder: (role: string) => `role ${role} 内的 framework 顺序`,
    skipped: '被跳过',
    noneSkipped: '排在前面的都没有被跳过。',
    suppressed: '已抑制（不参与排序）',
    chosen: '选中',
    reason: {
      filtered: '之前拒绝时留下的拒绝过滤器覆盖了这个 agent 剩余的资源',
      'min-allocatable': '剩余资源低于最小可分配资源',
      'quota-limit': 'role 的配额上限不允许它再拿任何资源',
      headroom: '拿走这些资源会占用为其他 role 的配额保证预留的余量',
      'nothing-allocatable': '这个 agent 上没有可以分配给它的资源',
      capability: '这个 agent 有 GPU，而 framework 没有 GPU_RESOURCES 能力',
    },
    close: '清除选择',
  },

  builder: {
    title: '场景构建器',
    intro: '编辑集群和它的脚本动作，然后应用：运行会用它们重新开始。',
    name: '名称',
    until: '运行到（秒）',
    interval: '分配间隔（秒）',
    masters: 'Master 数',
    agents: 'Agent',
    agentId: 'Agent id',
    resources: '资源',
    attributes: '属性',
    attributesHint: '名称=值，用逗号分隔',
    removeAgent: (id: string) => `移除 agent ${id || '（新）'}`,
    addAgent: '添加一个 agent',
    roles: 'Role',
    role: 'Role',
    weight: '权重',
    guarantees: '配额保证',
    limits: '配额上限',
    removeRole: (r: string) => `移除 role ${r || '（新）'}`,
    addRole: '添加一个 role',
    frameworks: 'Framework',
    frameworkId: 'Framework id',
    frameworkRoles: 'Role',
    frameworkRolesHint: '用逗号分隔',
    kind: '调度器',
    kinds: { batch: '批处理', service: '服务', scripted: '脚本式' },
    count: '任务数 / 实例数',
    taskResources: '任务资源',
    command: '命令',
    perOffer: '每个 offer 最多任务数',
    refuse: 'refuse_seconds',
    removeFramework: (id: string) => `移除 framework ${id || '（新）'}`,
    addFramework: '添加一个 framework',
    actions: '脚本动作',
    actionsHint: '在设定时间发生的故障和运维操作。在时间线上选中一个即可编辑。',
    timeline: '时间线上的脚本动作',
    marker: (kind: string, at: number) => `${kind}，于 ${secs(at)}`,
    at: '时间（秒）',
    action: '动作',
    details: '详情',
    addAction: '添加动作',
    addAt: '于',
    removeAction: (n: number, kind: string) => `删除动作 ${n}（${kind}）`,
    noActions: '没有脚本动作。',
    afterEnd: (n: number, at: number, until: number) =>
      `动作 ${n} 在 ${secs(at)}，晚于场景结束时间（${secs(until)}）：它永远不会发生。请把它提前，或延长运行时间。`,
    field: {
      agent: 'Agent',
      framework: 'Framework',
      role: 'Role',
      roles: 'Role 列表',
      resources: '资源',
      attributes: '属性',
      command: '命令',
      refuse: 'refuse_seconds',
      weight: '权重',
      guarantees: '保证',
      limits: '上限',
      a: '介于',
      b: '与',
      seconds: '持续（秒）',
      drop: '丢失概率（0–1）',
      delayMs: '最大延迟（毫秒）',
      repeat: '重复概率（0–1）',
      scheduler: '调度器',
      count: '任务数 / 实例数',
      volume: '卷 id',
      path: '路径',
      size: '大小（MB）',
    },
    fieldLabel: (field: string, n: number) => `${field}，动作 ${n}`,
    apply: '应用并重新开始',
    cancel: '关闭',
    importFile: '导入 JSON 文件',
    importText: '或粘贴场景 JSON',
    importPasted: '导入粘贴的 JSON',
    exportJson: '导出场景 JSON',
    errorsTitle: (n: number) => `场景有 ${n} 个问题；没有做任何更改：`,
    imported: '已导入。检查下面的集群，然后应用。',
    codeKept: '学习者代码（保留）',
  },

  shortcuts: {
    title: '键盘快捷键',
    close: '关闭',
    list: [
      ['Space', '播放或暂停'],
      ['→', '前进一个事件'],
      ['←', '后退一个事件'],
      ['+', '加速'],
      ['−', '减速'],
      ['L', '回到实时（离开回放）'],
      ['R', '用同一个种子重新开始'],
      ['N', '用新种子重新开始'],
      ['P', '开关演示模式'],
      ['1 / 2 / 3', '观察、代码或课程模式'],
      ['?', '本列表'],
      ['Esc', '关闭对话框；离开演示模式'],
    ],
  },

  notice: {
    dismiss: '关闭',
    linkBroken: '这个分享链接已损坏或不完整，所以打开了默认场景。',
    linkProblem: {
      encoding: '它包含分享链接中不会出现的字符。',
      truncated: '它好像被截断了：请复制完整的链接，包括“#”之后的全部内容。',
      json: '无法读取它的内容。',
      version: '它由另一个版本的 Mesos Lab 生成。',
      shape: '它的内容不是 Mesos Lab 的设置。',
      tooLarge: '它的内容远多于任何真实的设置，因此没有打开。',
      tooLong: '其中一段文字远长于任何真实设置中的文字，因此没有打开。',
    },
    linkTooLong: (path: string, length: number, limit: number) =>
      `${path} 处的文字长 ${length.toLocaleString('zh-CN')} 个字符；最多允许 ${limit.toLocaleString('zh-CN')} 个。`,
    linkInvalid: '这个分享链接中的场景无效，所以打开了默认场景：',
    scenarioInvalid: '场景无效：',
    startFailed: '集群无法启动：',
    opened: (name: string) => `已打开分享的设置“${name}”。`,
  },

  consent: {
    title: '这个链接带有代码',
    intro: '分享的场景会运行别人写的代码。它还没有运行：先在编辑器里阅读，只有信任它时才运行。',
    framework: (id: string) => `framework ${id}：它的调度器`,
    added: (id: string, at: number) => `framework ${id}，在 ${secs(at)}加入`,
    failover: (id: string, at: number) => `framework ${id}，在 ${secs(at)}故障转移到新代码`,
    run: '运行这些代码',
    show: '只显示代码，不运行',
    pending: (ids: string) =>
      `分享场景中的代码（${ids}）还没有运行。在你选择运行之前，集群在没有它的情况下运行。`,
    runNow: '运行分享的代码',
  },

  presentation: {
    on: '演示模式：更大的字号，没有侧边栏。按 P 或 Esc 退出，按 ? 查看快捷键。',
  },

  events: {
    types: '事件类型',
    describe: (e: TraceEvent): string => {
      switch (e.type) {
        case 'leader':
          return `${e.master} 当选为领导者`;
        case 'master-failed':
          return `${e.master} 故障`;
        case 'agent-added':
          return `agent ${e.agent} 注册`;
        case 'agent-reregistered':
          return `agent ${e.agent} 重新注册`;
        case 'agent-removed':
          return `agent ${e.agent} 被移除：${e.reason}`;
        case 'agent-killed':
          return `agent ${e.agent} 崩溃`;
        case 'agent-restarted':
          return `agent ${e.agent} 重启`;
        case 'framework-added':
          return `framework ${e.framework} 在 ${e.roles.join('、')} 中订阅`;
        case 'framework-reregistered':
          return `framework ${e.framework} 重新注册`;
        case 'framework-disconnected':
          return `framework ${e.framework} 断开：${e.reason}`;
        case 'framework-removed':
          return `framework ${e.framework} 被移除${e.reason ? `：${e.reason}` : ''}`;
        case 'offer':
          return `offer ${e.offer} → ${e.framework}（${e.role}），在 ${e.agent} 上`;
        case 'decline':
          return `${e.framework} 拒绝 ${e.offer}${e.refuseSeconds > 0 ? `，过滤 ${e.refuseSeconds} 秒` : '，不设过滤器'}`;
        case 'filter':
          return `分配器在 ${e.agent} 上为 ${e.framework}（${e.role}）设置过滤器，直到 ${secs(e.until)}`;
        case 'accept':
          return `${e.framework} 接受 ${e.offers.join('、')}：${e.tasks.length} 个任务`;
        case 'rescind':
          return `发给 ${e.framework} 的 offer ${e.offer} 被撤回：${e.reason}`;
        case 'launch':
          return `${e.framework} 在 ${e.agent} 上启动 ${e.task}`;
        case 'status':
          return `${e.task}（${e.framework}）${e.state}${e.reason ? ` ${e.reason}` : ''}`;
        case 'output':
          return `${e.task} ${e.stream}：${e.text.trim()}`;
        case 'suppress':
          return `${e.framework} 抑制 offer（${e.roles.join('、') || '所有 role'}）`;
        case 'revive':
          return `${e.framework} 恢复 offer（${e.roles.join('、') || '所有 role'}）`;
        case 'weight':
          return `role ${e.role} 的权重设为 ${e.weight}`;
        case 'quota':
          return `设置 role ${e.role} 的配额`;
        case 'allocation':
          return `分配${e.periodic ? '' : '（触发）'}：${e.agents} 个 agent 上共 ${e.offers} 个 offer`;
        case 'partition':
          return `${e.between[0]} ⟷ ${e.between[1]} 的连接断开 ${e.forSeconds} 秒`;
        case 'heal':
          return `${e.between[0]} ⟷ ${e.between[1]} 的连接恢复`;
        case 'flaky-link':
          return `${e.between[0]} ⟷ ${e.between[1]} 的连接不稳定 ${e.forSeconds} 秒（${[
            e.drop > 0 ? `丢失 ${Math.round(e.drop * 100)}%` : '',
            e.delayMs > 0 ? `最多延迟 ${e.delayMs} 毫秒` : '',
            e.repeat > 0 ? `重复 ${Math.round(e.repeat * 100)}%` : '',
          ]
            .filter(Boolean)
            .join('，')}）`;
        case 'flaky-link-ended':
          return `${e.between[0]} ⟷ ${e.between[1]} 的连接恢复稳定`;
        case 'log':
          return `${e.framework}：${e.text}`;
        case 'message':
          return e.from === 'scheduler'
            ? `${e.framework} → ${e.agent} 上的 executor ${e.executor}：${e.data}`
            : `${e.agent} 上的 executor ${e.executor} → ${e.framework}：${e.data}`;
        case 'error':
          return `错误${e.framework ? `（${e.framework}）` : ''}：${e.message}`;
        default:
          return e.type;
      }
    },
  },

  fault: {
    kill: (agent: string) => `杀掉 agent ${agent}`,
    restart: (agent: string) => `重启 agent ${agent}`,
    partition: (agent: string, seconds: number) => `让 ${agent} 与 master 分区 ${seconds} 秒`,
    failover: 'master 故障切换',
    add: (agent: string) => `添加 agent ${agent}`,
  },

  scenarioText: {
    'drf-paper':
      'DRF 论文中的例子（Ghodsi 等，NSDI 2011）：一个有 9 个 CPU 和 18 GB 内存的 agent；framework A 的任务需要 <1 CPU, 4 GB>，B 的需要 <3 CPU, 1 GB>。每个 framework 每个 offer 只启动一个任务并拒绝其余资源，于是 DRF 的渐进填充自然出现：A 运行 3 个任务，B 运行 2 个，主导份额都是 2/3。',
    'agent-failure':
      '一个服务在四个 agent 上保持六个实例运行。t=20 时 agent2 的机器宕机：连续 5 次 15 秒的健康检查失败后，master 把它标记为不可达，它的任务变为 TASK_LOST，所有 framework 收到 agentLost，服务在别处重新启动丢失的实例。t=150 时这个 agent 空着回来并重新注册。',
    'batch-service-mix':
      '两个机架上的二十个 agent，由一个长期运行的 web 服务（role prod，权重 2，固定在机架 r1）和两个 role 为 analytics、运行短作业直到完成的批处理 framework 共享。',
    'master-failover':
      '领导 master 在 t=30 时故障。10 秒后它的 ZooKeeper 会话过期，备用 master 当选；agent 带着正在运行的任务重新注册，framework 重新注册（reregistered）并对账任务，offer 恢复。运行中的任务一个也没有丢失。',
  },
};
