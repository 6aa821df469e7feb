<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <source>CityOps cannot start</source>
        <translation>CityOps 无法启动</translation>
    </message>
    <message>
        <source>Cannot open the city: %1</source>
        <translation>无法打开城市：%1</translation>
    </message>
    <message>
        <source>Cannot open the event store: %1</source>
        <translation>无法打开事件存储：%1</translation>
    </message>
    <message>
        <source>Cannot replay: %1</source>
        <translation>无法回放：%1</translation>
    </message>
    <message>
        <source>Cannot use the background tiles: %1</source>
        <translation>无法使用背景瓦片：%1</translation>
    </message>
    <message>
        <source>Cannot use the command key: %1</source>
        <translation>无法使用指令签名密钥：%1</translation>
    </message>
    <message>
        <source>CityOps — first account</source>
        <translation>CityOps — 第一个账户</translation>
    </message>
    <message>
        <source>Nobody can sign in yet. Create the first account: an administrator, who can then add the others (cityops-admin user add).</source>
        <translation>目前还没有人能登录。请创建第一个账户：管理员，之后由其添加其他人（cityops-admin user add）。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>再次输入</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Cannot use the user directory: %1</source>
        <translation>无法使用用户目录：%1</translation>
    </message>
    <message>
        <source>Nobody can sign in until a first account exists (or create one with cityops-admin).</source>
        <translation>在第一个账户创建之前，任何人都无法登录（也可用 cityops-admin 创建）。</translation>
    </message>
    <message>
        <source>Cannot sign in as %1: %2</source>
        <translation>无法以 %1 登录：%2</translation>
    </message>
    <message>
        <source>the store is read-only</source>
        <translation>存储为只读</translation>
    </message>
    <message>
        <source>the store is damaged</source>
        <translation>存储已损坏</translation>
    </message>
    <message>
        <source>Cannot sign the record: %1</source>
        <translation>无法为记录签名：%1</translation>
    </message>
    <message>
        <source>Cannot use the LDAP directory: %1</source>
        <translation>无法使用 LDAP 目录：%1</translation>
    </message>
    <message>
        <source>Cannot use the console keyring: %1</source>
        <translation>无法使用控制台密钥环：%1</translation>
    </message>
    <message>
        <source>Cannot use the wall layout: %1</source>
        <translation>无法使用大屏布局：%1</translation>
    </message>
    <message>
        <source>--traffic sumo needs SUMO, which is not installed: install the Debian package sumo</source>
        <translation>--traffic sumo 需要 SUMO，但未安装：请安装 Debian 软件包 sumo</translation>
    </message>
    <message>
        <source>--traffic sumo: this build has no SUMO client (install the Debian package sumo and build again)</source>
        <translation>--traffic sumo：此版本没有 SUMO 客户端（请安装 Debian 软件包 sumo 并重新构建）</translation>
    </message>
    <message>
        <source>another console is recording into it</source>
        <translation>另一个控制台正在记录</translation>
    </message>
    <message>
        <source>Cannot use --gateways %1: %2</source>
        <translation>无法使用 --gateways %1：%2</translation>
    </message>
    <message>
        <source>What administrators change in the accounts or keyrings cannot be recorded for now: %1</source>
        <translation>目前无法记录管理员对账户或密钥环的更改：%1</translation>
    </message>
    <message>
        <source>A keyring was changed outside cityops-admin, by someone the record cannot name: %1. Check who could write it.</source>
        <translation>密钥环在 cityops-admin 之外被更改，记录无法指明是谁：%1。请检查谁能写入该文件。</translation>
    </message>
</context>
<context>
    <name>cityops::AccessControl</name>
    <message>
        <source>No user directory could be opened, so nobody can sign in; the console is read-only.</source>
        <translation>无法打开用户目录，因此无人能登录；控制台为只读。</translation>
    </message>
    <message>
        <source>No user directory could be opened, so nobody can sign in.</source>
        <translation>无法打开用户目录，因此无人能登录。</translation>
    </message>
    <message>
        <source>%1 has handed over the shift: sign in to take over.</source>
        <translation>%1 已交班：请登录以接班。</translation>
    </message>
    <message numerus="yes">
        <source>no input for %n minute(s)</source>
        <translation>
            <numerusform>%n 分钟无输入</numerusform>
        </translation>
    </message>
    <message>
        <source>The console is locked: %1 must unlock it (or a supervisor take over).</source>
        <translation>控制台已锁定：须由 %1 解锁（或由主管接管）。</translation>
    </message>
    <message>
        <source>The console is not locked.</source>
        <translation>控制台未锁定。</translation>
    </message>
    <message>
        <source>Only %1 or a supervisor can unlock this console.</source>
        <translation>只有 %1 或主管可以解锁此控制台。</translation>
    </message>
    <message>
        <source>took over from %1</source>
        <translation>从 %1 接管</translation>
    </message>
    <message>
        <source>Nobody is signed in.</source>
        <translation>无人登录。</translation>
    </message>
    <message>
        <source>%1 needs a second person, and the record must show it was you: %2, enter your password again.</source>
        <translation>%1 需要第二人确认，记录须表明是你本人：%2，请再次输入密码。</translation>
    </message>
    <message>
        <source>from %1: %2</source>
        <translation>来自 %1：%2</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核对…</translation>
    </message>
    <message>
        <source>Nobody is signed in at this console.</source>
        <translation>此控制台无人登录。</translation>
    </message>
    <message>
        <source>%1 is signed in here: the approval needs a second person, a supervisor.</source>
        <translation>%1 已在此登录：审批需要第二个人，即一名主管。</translation>
    </message>
    <message>
        <source>%1 may not approve commands: a supervisor must.</source>
        <translation>%1 不能审批指令：必须由主管审批。</translation>
    </message>
    <message>
        <source>Your account answers for %1, which this city does not have, so nothing here is yours to work. Ask an administrator to correct your districts.</source>
        <translation>您的账户负责 %1，但本城市没有该区域，因此这里没有您要处理的工作。请联系管理员更正您的区域。</translation>
    </message>
    <message>
        <source>no district</source>
        <translation>无区域</translation>
    </message>
    <message numerus="yes">
        <source>%n open incident(s)</source>
        <translation>
            <numerusform>%n 个未结事件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unacknowledged alarm(s)</source>
        <translation>
            <numerusform>%n 个未确认报警</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) running.</source>
        <translation>
            <numerusform>%n 个指令执行中。</numerusform>
        </translation>
    </message>
    <message>
        <source>The map behind stays live; nothing can be done until the console is unlocked.</source>
        <translation>后方地图保持实时；解锁前无法进行任何操作。</translation>
    </message>
    <message>
        <source>No user directory could be opened, so no password can be set.</source>
        <translation>无法打开用户目录，因此无法设置密码。</translation>
    </message>
    <message>
        <source>Your password is set.</source>
        <translation>密码已设置。</translation>
    </message>
    <message>
        <source>Sign in with the new one.</source>
        <translation>请用新密码登录。</translation>
    </message>
    <message>
        <source>Your approval key was not sealed with the new password: %1. Ask an administrator to make you a new one before you approve anything.</source>
        <translation>您的审批密钥未能用新密码重新封存：%1。在审批任何内容之前，请让管理员为您制作新的密钥。</translation>
    </message>
    <message>
        <source>Your approval key does not open with the password you signed in with: it is sealed with an earlier one. Before you approve anything, move it to this password with Session ▸ Approval key… (you need the earlier password), or ask an administrator for a new key, which every gateway must then be given.</source>
        <translation>您的审批密钥无法用您登录时的密码打开：它是用以前的密码封存的。在审批任何事项之前，请通过“会话 ▸ 审批密钥…”将其移到此密码（需要以前的密码），或请管理员制作新密钥（之后必须分发给每个网关）。</translation>
    </message>
    <message>
        <source>Your approval key cannot be used: %1. Ask an administrator before you approve anything.</source>
        <translation>您的审批密钥无法使用：%1。审批任何事项之前请联系管理员。</translation>
    </message>
    <message>
        <source>Your approval key opens with your password now.</source>
        <translation>您的审批密钥现在可用当前密码打开。</translation>
    </message>
    <message>
        <source>Nobody who may approve is signed in at this console, or approvals are not signed here.</source>
        <translation>此控制台没有可审批的人员登录，或此处的审批不签名。</translation>
    </message>
    <message>
        <source>Your approval key was not moved: %1. Nothing changed.</source>
        <translation>审批密钥未移动：%1。未做任何更改。</translation>
    </message>
    <message>
        <source>You have no approval key at this console: an administrator makes one (cityops-admin approver add %1).</source>
        <translation>您在此控制台没有审批密钥：由管理员制作（cityops-admin approver add %1）。</translation>
    </message>
</context>
<context>
    <name>cityops::AccessOverlay</name>
    <message>
        <source>Name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in to CityOps</source>
        <translation>登录 CityOps</translation>
    </message>
    <message>
        <source>The map behind is live and read-only until someone signs in.</source>
        <translation>后方地图为实时画面，有人登录前为只读。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Console locked — %1</source>
        <translation>控制台已锁定 — %1</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Wait %1 s</source>
        <translation>请等待 %1 秒</translation>
    </message>
    <message>
        <source>Type your name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>更改密码…</translation>
    </message>
</context>
<context>
    <name>cityops::AlarmBoard</name>
    <message>
        <source>ALARMS</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>▲ ALARM FLOOD</source>
        <translation>▲ 告警泛滥</translation>
    </message>
    <message>
        <source>%1%2 per 10 min — manageable: %3</source>
        <translation>%1每10分钟 %2 条 — 可处理：%3</translation>
    </message>
</context>
<context>
    <name>cityops::AlarmPanel</name>
    <message>
        <source>Alarm list</source>
        <translation>报警列表</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>确认(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Shelve</source>
        <translation>搁置(&amp;S)</translation>
    </message>
    <message numerus="yes">
        <source>for %n minute(s)</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>for %n hour(s)</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message>
        <source>Unshelve</source>
        <translation>取消搁置</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>退出服务</translation>
    </message>
    <message>
        <source>Show &amp;hidden</source>
        <translation>显示隐藏项(&amp;H)</translation>
    </message>
    <message>
        <source>Also list shelved, out-of-service and suppressed alarms</source>
        <translation>同时列出搁置、退出服务和被抑制的报警</translation>
    </message>
    <message numerus="yes">
        <source>ALARM FLOOD: %n new alarm(s) in 10 minutes. Alarms are grouped by cause and district.</source>
        <translation>
            <numerusform>报警泛滥：10 分钟内新增 %n 条报警。已按原因和辖区分组。</numerusform>
        </translation>
    </message>
    <message>
        <source>Alarm rate: %1 in the last 10 min (manageable: %2)</source>
        <translation>报警率：最近 10 分钟 %1 条（可处理：%2）</translation>
    </message>
    <message>
        <source>Shelved %1 · out of service %2 · suppressed by design %3</source>
        <translation>搁置 %1 · 退出服务 %2 · 设计抑制 %3</translation>
    </message>
    <message>
        <source>Return to service</source>
        <translation>恢复服务</translation>
    </message>
    <message>
        <source>Alarms</source>
        <translation>报警</translation>
    </message>
    <message>
        <source>Raise &amp;incident</source>
        <translation>生成事件(&amp;I)</translation>
    </message>
    <message>
        <source>Open an incident for the selected alarm&apos;s device, so responders can be dispatched</source>
        <translation>为所选报警的设备创建事件，以便派遣响应人员</translation>
    </message>
    <message>
        <source>Select one or more alarms in the list first.</source>
        <translation>请先在列表中选择一个或多个告警。</translation>
    </message>
    <message>
        <source>Acknowledge the selected alarms</source>
        <translation>确认所选告警</translation>
    </message>
    <message>
        <source>Hide the selected alarms for a while (they come back by themselves)</source>
        <translation>暂时搁置所选告警（到时自动恢复）</translation>
    </message>
    <message>
        <source>Take the selected alarms out of service for maintenance, or return them (supervisors)</source>
        <translation>将所选告警停用以便维护，或恢复使用（主管）</translation>
    </message>
    <message>
        <source>Select an alarm in the list first.</source>
        <translation>请先在列表中选择一个告警。</translation>
    </message>
    <message>
        <source>This alarm has no device to open an incident at.</source>
        <translation>此告警没有可建立事件的设备。</translation>
    </message>
</context>
<context>
    <name>cityops::AlarmTableModel</name>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message numerus="yes">
        <source> (+%n consequential)</source>
        <translation>
            <numerusform>（+%n 条连带）</numerusform>
        </translation>
    </message>
    <message>
        <source>returned</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>active</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>%1 active</source>
        <translation>%1 条活动</translation>
    </message>
    <message>
        <source>%1, unacknowledged</source>
        <translation>%1，未确认</translation>
    </message>
    <message>
        <source>%1, acknowledged</source>
        <translation>%1，已确认</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>报警</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>District</source>
        <translation>辖区</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>最近变化</translation>
    </message>
</context>
<context>
    <name>cityops::Annunciator</name>
    <message numerus="yes">
        <source>%n critical or major incident(s) not acknowledged</source>
        <translation>
            <numerusform>%n 个未确认的严重或重大事件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n incident(s) past their deadline</source>
        <translation>
            <numerusform>%n 个事件已超过期限</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n high-priority alarm(s) not acknowledged</source>
        <translation>
            <numerusform>%n 个未确认的高优先级报警</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) waiting for your approval</source>
        <translation>
            <numerusform>%n 个指令等待你批准</numerusform>
        </translation>
    </message>
    <message>
        <source>(sound silenced)</source>
        <translation>（声音已静音）</translation>
    </message>
    <message>
        <source>— F10 silences the sound</source>
        <translation>— 按 F10 静音</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) of a console that is gone or out of the keyring hold devices here</source>
        <translation>
            <numerusform>已不在或已移出密钥环的控制台有 %n 个指令在此占用设备</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::ApprovalKeyDialog</name>
    <message>
        <source>Approval key</source>
        <translation>审批密钥</translation>
    </message>
    <message>
        <source>Your approval key signs what you approve, and opens with your password. When your password was changed where this console could not follow (the city directory&apos;s own tools, an expiry), the key still opens only with the earlier one: type it once, and your password now, and the same key opens with your password now. The gateways need nothing new.</source>
        <translation>审批密钥为您审批的内容签名，并用您的密码打开。如果您的密码在此控制台无法跟进的地方被更改（城市目录自己的工具、密码过期），密钥仍只能用以前的密码打开：输入一次以前的密码和当前密码，同一把密钥即可用当前密码打开。网关无需任何更新。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Earlier password</source>
        <translation>以前的密码</translation>
    </message>
    <message>
        <source>Your password now</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>Move the key</source>
        <translation>移动密钥</translation>
    </message>
    <message>
        <source>Type both passwords: the earlier one opens the key, the one now seals it.</source>
        <translation>请输入两个密码：以前的密码打开密钥，当前密码重新封存它。</translation>
    </message>
    <message>
        <source>Asking the directory…</source>
        <translation>正在询问目录…</translation>
    </message>
</context>
<context>
    <name>cityops::ClockTile</name>
    <message>
        <source>TIME</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>no field data yet</source>
        <translation>尚无现场数据</translation>
    </message>
    <message>
        <source>newest data %1 old</source>
        <translation>最新数据 %1 前</translation>
    </message>
</context>
<context>
    <name>cityops::CloseQuestion</name>
    <message>
        <source>order %1 (%2)</source>
        <translation>指令 %1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) under way — %1: results still due will not be followed, and when the console starts again those targets are marked timed out: check their devices.</source>
        <translation>
            <numerusform>执行中的指令 %n 条 — %1：尚未到达的结果将不再跟踪；控制台重新启动时，这些目标会被记为超时：请检查相关设备。</numerusform>
        </translation>
    </message>
    <message>
        <source>The green wave for %1 stops: no further signal is pre-empted for it.</source>
        <translation>%1 的绿波将停止：不再为其优先放行任何信号。</translation>
    </message>
    <message numerus="yes">
        <source>The %n signal(s) it holds are released by their controllers within 3 min — stop the wave first to release them now.</source>
        <translation>
            <numerusform>它保持的 %n 个信号机将在 3 分钟内由控制器自行释放 — 如需立即释放，请先停止绿波。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The store is still being checked before anything is written: the console closes once the check is done and the %n event(s) waiting are recorded (minutes, on a store of months).</source>
        <translation>
            <numerusform>存储在写入前仍在检查：检查完成、等待中的 %n 条事件记录完毕后控制台才会关闭（数月的存储需要几分钟）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) could not be recorded yet (%1): they are lost when the console closes.</source>
        <translation>
            <numerusform>%n 条事件尚未能记录（%1）：关闭控制台后将丢失。</numerusform>
        </translation>
    </message>
    <message>
        <source>The export of %1 is not finished: closing stops it, and no files are written.</source>
        <translation>%1 的导出尚未完成：关闭将中止导出，不会写入任何文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) waiting for approval — %1: they wait again when the console starts again.</source>
        <translation>
            <numerusform>等待审批的指令 %n 条 — %1：控制台重新启动后将再次等待审批。</numerusform>
        </translation>
    </message>
    <message>
        <source>Close CityOps</source>
        <translation>关闭 CityOps</translation>
    </message>
    <message>
        <source>Close CityOps on this desk?</source>
        <translation>关闭此席位的 CityOps？</translation>
    </message>
    <message>
        <source>This desk stops watching the city: its alarms will no longer sound here.</source>
        <translation>此席位将停止监视城市：告警不再在此处鸣响。</translation>
    </message>
    <message>
        <source>This desk stops watching the city: its alarms will no longer sound here, and %1 is signed out.</source>
        <translation>此席位将停止监视城市：告警不再在此处鸣响，%1 将被登出。</translation>
    </message>
    <message>
        <source>&amp;Close the console</source>
        <translation>关闭控制台(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Keep running</source>
        <translation>继续运行(&amp;K)</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Stop the green wave(s), then close</source>
        <translation>
            <numerusform>停止绿波后关闭(&amp;S)</numerusform>
        </translation>
    </message>
    <message>
        <source>The green wave for %1 was stopped by %2, and its signals are still being released: closing leaves them to their controllers (released within 3 min).</source>
        <translation>%1 的绿波已由 %2 停止，其信号仍在释放中：关闭则交由各信号机处理（3 分钟内释放）。</translation>
    </message>
</context>
<context>
    <name>cityops::CommandDialog</name>
    <message>
        <source>Command devices</source>
        <translation>控制设备</translation>
    </message>
    <message>
        <source>device ids, separated by commas</source>
        <translation>设备编号（逗号分隔）</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>The order expires after this long (approval included); devices never act on it later</source>
        <translation>超过此时长指令即失效（含审批时间）；设备之后不会执行</translation>
    </message>
    <message>
        <source>&amp;Targets:</source>
        <translation>目标(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>操作(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>数值(&amp;V)：</translation>
    </message>
    <message>
        <source>Valid &amp;for:</source>
        <translation>有效期(&amp;F)：</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>执行后</translation>
    </message>
    <message>
        <source>Preview of the changes</source>
        <translation>变更预览</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <source>What will change:</source>
        <translation>将要变更：</translation>
    </message>
    <message numerus="yes">
        <source>Unknown device(s): %1</source>
        <translation>
            <numerusform>未知设备：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>The targets are of different kinds; command one kind at a time.</source>
        <translation>目标类型不同；请一次只控制一种类型。</translation>
    </message>
    <message>
        <source>Nothing to command: choose devices and an action.</source>
        <translation>没有可控制的对象：请选择设备和操作。</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>%1, program %2, phase %3</source>
        <translation>%1，方案 %2，相位 %3</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>breaker closed, %1 kW</source>
        <translation>断路器合闸，%1 kW</translation>
    </message>
    <message>
        <source>breaker open</source>
        <translation>断路器分闸</translation>
    </message>
    <message>
        <source> (step %1, from +%2)</source>
        <translation>（步骤 %1，自 +%2 起）</translation>
    </message>
    <message numerus="yes">
        <source>%n target(s).</source>
        <translation>
            <numerusform>目标 %n 个。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in that state.</source>
        <translation>
            <numerusform>%n 个已处于该状态。</numerusform>
        </translation>
    </message>
    <message>
        <source>High risk: a supervisor must approve it before anything is sent. The devices are reserved once approved.</source>
        <translation>高风险：发送前须经主管批准。批准后设备将被预留。</translation>
    </message>
    <message>
        <source>The devices are reserved for this order until each has its result.</source>
        <translation>在每个设备得出结果前，设备为此指令预留。</translation>
    </message>
    <message>
        <source>%1 may not command devices.</source>
        <translation>%1 无权控制设备。</translation>
    </message>
    <message numerus="yes">
        <source>%n picked device(s) of other kinds left out.</source>
        <translation>
            <numerusform>已排除 %n 个其他类型的设备。</numerusform>
        </translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>占用方</translation>
    </message>
    <message>
        <source>&amp;Leave held devices out</source>
        <translation>排除被占用的设备(&amp;L)</translation>
    </message>
    <message>
        <source>Supervisor: reason for ordering the held devices anyway (recorded)</source>
        <translation>主管：仍要对被占用设备下令的理由（将被记录）</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) held — nothing held is sent without a decision:</source>
        <translation>
            <numerusform>%n 台设备被占用 — 未经决定不会发送：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(and %n more, see the list)</source>
        <translation>
            <numerusform>（另有 %n 项，见列表）</numerusform>
        </translation>
    </message>
    <message>
        <source>Another order holds a device: leave the held devices out, or wait for that order.</source>
        <translation>另一指令占用了设备：请排除被占用的设备，或等待该指令完成。</translation>
    </message>
    <message>
        <source>Leave them out, or give a reason to order them anyway.</source>
        <translation>请排除它们，或填写仍要下令的理由。</translation>
    </message>
    <message>
        <source>Leave them out, or ask a supervisor to override.</source>
        <translation>请排除它们，或请主管解除。</translation>
    </message>
    <message>
        <source>Held devices: leave them out, or a supervisor gives a reason.</source>
        <translation>被占用的设备：请排除，或由主管填写理由。</translation>
    </message>
    <message>
        <source>Held devices: leave them out, or wait for the order that holds them.</source>
        <translation>被占用的设备：请排除，或等待占用它们的指令完成。</translation>
    </message>
</context>
<context>
    <name>cityops::DetailsPanel</name>
    <message>
        <source>Nothing selected</source>
        <translation>未选择</translation>
    </message>
    <message>
        <source>Click a signal, feeder, streetlight or incident on the map, or pick an incident from the list.</source>
        <translation>在地图上点击信号、馈线、路灯或事件，或从列表中选择事件。</translation>
    </message>
    <message>
        <source> (generated asset)</source>
        <translation>（生成的设施）</translation>
    </message>
    <message>
        <source>District</source>
        <translation>辖区</translation>
    </message>
    <message>
        <source>Communication</source>
        <translation>通信</translation>
    </message>
    <message>
        <source>no report yet</source>
        <translation>尚无报告</translation>
    </message>
    <message>
        <source>LOST</source>
        <translation>中断</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>SUMO id</source>
        <translation>SUMO 编号</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>配时方案</translation>
    </message>
    <message>
        <source>%1 (%2, cycle %3 s)</source>
        <translation>%1（%2，周期 %3 秒）</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>相位</translation>
    </message>
    <message>
        <source>%1 of %2, %3 s</source>
        <translation>第 %1 / %2，%3 秒</translation>
    </message>
    <message>
        <source>Aspect</source>
        <translation>灯色</translation>
    </message>
    <message>
        <source>Next switch in</source>
        <translation>距下次切换</translation>
    </message>
    <message>
        <source>Controlled movements</source>
        <translation>受控流向</translation>
    </message>
    <message>
        <source>Lamp</source>
        <translation>灯具</translation>
    </message>
    <message>
        <source>FAULT</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>dimmed to %1 %</source>
        <translation>调光至 %1 %</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>功率</translation>
    </message>
    <message>
        <source>%1 W of %2 W</source>
        <translation>%1 W / %2 W</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Feeder</source>
        <translation>馈线</translation>
    </message>
    <message>
        <source>Substation</source>
        <translation>变电站</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>负荷</translation>
    </message>
    <message>
        <source>%1 kW (%2 % of capacity)</source>
        <translation>%1 kW（容量的 %2 %）</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>%1 kW</source>
        <translation>%1 kW</translation>
    </message>
    <message>
        <source>Trend (10 min)</source>
        <translation>趋势（10 分钟）</translation>
    </message>
    <message>
        <source>%1 %2 kW</source>
        <translation>%1 %2 kW</translation>
    </message>
    <message>
        <source>Peak (1 h)</source>
        <translation>峰值（1 小时）</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>%1 (1 = shed last)</source>
        <translation>%1（1 = 最后切除）</translation>
    </message>
    <message>
        <source>Feeders</source>
        <translation>馈线</translation>
    </message>
    <message>
        <source>%1 kW of %2 kW</source>
        <translation>%1 kW / %2 kW</translation>
    </message>
    <message>
        <source>Incident #%1</source>
        <translation>事件 #%1</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>发生于</translation>
    </message>
    <message>
        <source>%1 (%2 ago)</source>
        <translation>%1（%2 前）</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <source>by order %1 of %2</source>
        <translation>由 %2 的指令 %1</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>by %1 at %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>not acknowledged in time</source>
        <translation>未按时确认</translation>
    </message>
    <message>
        <source>nobody on scene in time</source>
        <translation>无人按时到场</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>the field</source>
        <translation>现场</translation>
    </message>
    <message>
        <source>note by %1: %2</source>
        <translation>%1 的备注：%2</translation>
    </message>
    <message>
        <source>green</source>
        <translation>绿</translation>
    </message>
    <message>
        <source>green, yield</source>
        <translation>绿（让行）</translation>
    </message>
    <message>
        <source>yellow</source>
        <translation>黄</translation>
    </message>
    <message>
        <source>red</source>
        <translation>红</translation>
    </message>
    <message>
        <source>red-yellow</source>
        <translation>红黄</translation>
    </message>
    <message>
        <source>stop, then go</source>
        <translation>停车后通行</translation>
    </message>
    <message>
        <source>straight</source>
        <translation>直行</translation>
    </message>
    <message>
        <source>left</source>
        <translation>左转</translation>
    </message>
    <message>
        <source>right</source>
        <translation>右转</translation>
    </message>
    <message>
        <source>U-turn</source>
        <translation>掉头</translation>
    </message>
    <message>
        <source>half left</source>
        <translation>偏左</translation>
    </message>
    <message>
        <source>half right</source>
        <translation>偏右</translation>
    </message>
    <message>
        <source>From the north</source>
        <translation>北向来车</translation>
    </message>
    <message>
        <source>From the north-east</source>
        <translation>东北向来车</translation>
    </message>
    <message>
        <source>From the east</source>
        <translation>东向来车</translation>
    </message>
    <message>
        <source>From the south-east</source>
        <translation>东南向来车</translation>
    </message>
    <message>
        <source>From the south</source>
        <translation>南向来车</translation>
    </message>
    <message>
        <source>From the south-west</source>
        <translation>西南向来车</translation>
    </message>
    <message>
        <source>From the west</source>
        <translation>西向来车</translation>
    </message>
    <message>
        <source>From the north-west</source>
        <translation>西北向来车</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>SUMO state of this phase: %1</source>
        <translation>此相位的 SUMO 状态：%1</translation>
    </message>
    <message>
        <source>Restore feeder %1…</source>
        <translation>恢复馈线 %1…</translation>
    </message>
    <message>
        <source>Opens the order that closes the breaker of %1 again, for you to check and send; its signals come back in step with their programs.</source>
        <translation>打开重新合上 %1 断路器的指令，请检查后发送；其信号灯将按配时方案同步恢复。</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>交通</translation>
    </message>
    <message>
        <source>measured %1 ago</source>
        <translation>%1 前测量</translation>
    </message>
    <message>
        <source>◆ spills back, </source>
        <translation>◆ 溢出至上游路口, </translation>
    </message>
    <message>
        <source>▲ long, </source>
        <translation>▲ 较长, </translation>
    </message>
    <message>
        <source>queue %1 m · %2 standing · %3 vehicles · %4 % occupied</source>
        <translation>排队 %1 米 · 停车 %2 辆 · 车辆 %3 辆 · 占有率 %4 %</translation>
    </message>
    <message>
        <source>Queue: the longest lane&apos;s standing vehicles × 7.5 m. Long over %1 m, spilling back over %2 m.</source>
        <translation>排队长度:最长车道的停车数 × 7.5 米。超过 %1 米为较长,超过 %2 米为溢出。</translation>
    </message>
    <message>
        <source>Emergency vehicle</source>
        <translation>应急车辆</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>standing</source>
        <translation>停靠中</translation>
    </message>
    <message>
        <source>on its way, %1 km/h</source>
        <translation>行驶中，时速 %1 公里</translation>
    </message>
    <message>
        <source>Route left</source>
        <translation>剩余路线</translation>
    </message>
    <message numerus="yes">
        <source>%1 km, %n signal(s) on it</source>
        <translation>
            <numerusform>%1 公里，途经 %n 个信号机</numerusform>
        </translation>
    </message>
    <message>
        <source> — pre-empted</source>
        <translation> — 优先控制中</translation>
    </message>
    <message>
        <source>Next signal</source>
        <translation>下一个信号机</translation>
    </message>
    <message numerus="yes">
        <source>%1 in %2 m, %n vehicle(s) queued before it</source>
        <translation>
            <numerusform>%1，距离 %2 米，前方排队 %n 辆</numerusform>
        </translation>
    </message>
    <message>
        <source>Last report</source>
        <translation>最后报告</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>%1 前</translation>
    </message>
    <message>
        <source>Follow on the map</source>
        <translation>在地图上跟随</translation>
    </message>
    <message>
        <source>Keeps the vehicle in the middle of the map as it drives; moving the map yourself stops it.</source>
        <translation>车辆行驶时保持在地图中央；自行移动地图即停止跟随。</translation>
    </message>
    <message>
        <source>Following on the map — click to stop</source>
        <translation>正在地图上跟随 — 点击停止</translation>
    </message>
    <message>
        <source>standing for %1</source>
        <translation>停靠中（已 %1）</translation>
    </message>
    <message>
        <source>on its way for %1, %2 km/h</source>
        <translation>行驶中（已 %1），时速 %2 公里</translation>
    </message>
    <message>
        <source>Holding</source>
        <translation>保持</translation>
    </message>
    <message>
        <source>phase %1 of %2</source>
        <translation>第 %1 / %2 相位</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>保持者</translation>
    </message>
    <message>
        <source>, approved by %1</source>
        <translation>，由 %1 批准</translation>
    </message>
    <message>
        <source>order %1%2 of %3%4, for %5</source>
        <translation>%3 的指令 %1%2%4，已持续 %5</translation>
    </message>
    <message>
        <source>Restore %1 to its program…</source>
        <translation>将 %1 恢复为配时方案…</translation>
    </message>
    <message>
        <source>Opens the order that returns %1 to its signal program, for you to check and send.</source>
        <translation>打开将 %1 恢复为信号配时方案的指令，请检查后发送。</translation>
    </message>
    <message>
        <source>Keys: F6 the map · F7 incidents · F8 alarms · F9 commands · Ctrl+F find · F1 every key</source>
        <translation>按键：F6 地图 · F7 事件 · F8 告警 · F9 指令 · Ctrl+F 查找 · F1 全部按键</translation>
    </message>
    <message>
        <source>acknowledge by %1</source>
        <translation>%1 前确认</translation>
    </message>
    <message>
        <source>on scene by %1</source>
        <translation>%1 前到场</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Alarm if held over</source>
        <translation>保持超过此时长即报警</translation>
    </message>
    <message>
        <source>%1 — %2: a supervisor may release the order (Commands panel)</source>
        <translation>%1 — %2: 主管可以释放该指令(指令面板)</translation>
    </message>
    <message>
        <source>%1 — released here, held for it again while this console does not hear the broker</source>
        <translation>%1 — 已在此释放，本控制台未连接到代理期间重新为其保留</translation>
    </message>
    <message>
        <source>Reports through</source>
        <translation>报告途经</translation>
    </message>
    <message>
        <source>gateway %1</source>
        <translation>网关 %1</translation>
    </message>
    <message>
        <source>gateway %1 — GONE, last heard %2</source>
        <translation>网关 %1 — 已离线，最后收到 %2</translation>
    </message>
    <message>
        <source>gateway %1 — GONE</source>
        <translation>网关 %1 — 已离线</translation>
    </message>
    <message>
        <source>gateway %1 — %2</source>
        <translation>网关 %1 — %2</translation>
    </message>
    <message>
        <source>gateway %1 — %2: set it (NTP)</source>
        <translation>网关 %1 — %2：请校准本席时钟 (NTP)</translation>
    </message>
    <message>
        <source>gateway %1 — holds %2</source>
        <translation>网关 %1 — 持有%2</translation>
    </message>
</context>
<context>
    <name>cityops::EnergyBoard</name>
    <message>
        <source>ENERGY</source>
        <translation>能源</translation>
    </message>
    <message>
        <source>%1 MW</source>
        <translation>%1 MW</translation>
    </message>
    <message>
        <source>of %1 MW</source>
        <translation>/ %1 MW</translation>
    </message>
    <message>
        <source>No feeder has reported yet</source>
        <translation>尚无馈线上报</translation>
    </message>
</context>
<context>
    <name>cityops::EnergyPanel</name>
    <message>
        <source>City load (MW)</source>
        <translation>全市负荷 (MW)</translation>
    </message>
    <message>
        <source>Busiest feeders (% of rating)</source>
        <translation>负荷最高的馈线（额定值 %）</translation>
    </message>
    <message>
        <source>Energy: waiting for feeder telemetry</source>
        <translation>能源：等待馈线遥测</translation>
    </message>
    <message>
        <source>City load %1 MW of %2 MW rated</source>
        <translation>全市负荷 %1 MW（额定 %2 MW）</translation>
    </message>
</context>
<context>
    <name>cityops::ExportDialog</name>
    <message>
        <source>Export a time window</source>
        <translation>导出时间段</translation>
    </message>
    <message>
        <source>From (city time):</source>
        <translation>开始（城市时间）：</translation>
    </message>
    <message>
        <source>To (city time):</source>
        <translation>结束（城市时间）：</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Events as JSON Lines (.jsonl)</source>
        <translation>事件（JSON Lines，.jsonl）</translation>
    </message>
    <message>
        <source>Events as CSV (.csv)</source>
        <translation>事件（CSV，.csv）</translation>
    </message>
    <message>
        <source>Incidents as GeoJSON (.geojson)</source>
        <translation>事件（GeoJSON，.geojson）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>The events with their chain, for others to check (.jsonl)</source>
        <translation>事件及其链（供他人核验，.jsonl）</translation>
    </message>
    <message>
        <source>Checked with the console&apos;s public key alone: cityops-export verify --export FILE --key KEY.pem</source>
        <translation>只需控制台的公钥即可核验：cityops-export verify --export FILE --key KEY.pem</translation>
    </message>
</context>
<context>
    <name>cityops::GreenWaveDialog</name>
    <message>
        <source>&amp;Plan the route</source>
        <translation>规划路线(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Send with green wave</source>
        <translation>以绿波派出(&amp;S)</translation>
    </message>
    <message>
        <source>Send an emergency vehicle with a green wave</source>
        <translation>以绿波派出应急车辆</translation>
    </message>
    <message>
        <source>&amp;Vehicle:</source>
        <translation>车辆(&amp;V)：</translation>
    </message>
    <message>
        <source>Destination:</source>
        <translation>目的地：</translation>
    </message>
    <message>
        <source>a supervisor at this console, not you</source>
        <translation>此控制台旁的一名主管（不是您）</translation>
    </message>
    <message>
        <source>Every pre-emption of the wave is a high-risk order. A supervisor approves them all now, once:</source>
        <translation>绿波中的每次优先控制都是高风险指令。由主管现在一次性全部审批：</translation>
    </message>
    <message>
        <source>Supe&amp;rvisor:</source>
        <translation>主管(&amp;R)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>%1 — %2, %3 km away</source>
        <translation>%1 — %2，距离 %3 公里</translation>
    </message>
    <message>
        <source>standing</source>
        <translation>待命</translation>
    </message>
    <message>
        <source>on its way</source>
        <translation>行驶中</translation>
    </message>
    <message>
        <source>Asking the router for %1&apos;s way…</source>
        <translation>正在为 %1 查询路线…</translation>
    </message>
    <message>
        <source>No route: %1</source>
        <translation>无路线：%1</translation>
    </message>
    <message numerus="yes">
        <source>%1 km, about %2 at today&apos;s speeds, %n signal(s) on the way — drawn dashed on the map.</source>
        <translation>
            <numerusform>%1 公里，按当前车速约 %2，途经 %n 个信号 — 已在地图上以虚线显示。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 m — %2</source>
        <translation>%1 米 — %2</translation>
    </message>
    <message>
        <source>Checking the supervisor…</source>
        <translation>正在核验主管…</translation>
    </message>
    <message>
        <source>Sending %1…</source>
        <translation>正在派出 %1…</translation>
    </message>
    <message>
        <source>%1 was not sent: %2</source>
        <translation>%1 未能派出：%2</translation>
    </message>
    <message>
        <source>No emergency vehicle reports its position: the fleet&apos;s location feed is silent (vehicles are tracked in co-simulation: cityops --traffic sumo, or a gateway started with cityops-sim --traffic sumo).</source>
        <translation>没有应急车辆报告位置：车队定位数据无声（车辆在联合仿真中被跟踪：cityops --traffic sumo，或以 cityops-sim --traffic sumo 启动的网关）。</translation>
    </message>
    <message>
        <source>%1 was not sent: the signals need %2&apos;s approval signature for the wave, and %3</source>
        <translation>%1 未派出：信号机需要 %2 对绿波的审批签名，但 %3</translation>
    </message>
    <message>
        <source>It parks %1 m from the destination.</source>
        <translation>停在距目的地 %1 米处。</translation>
    </message>
</context>
<context>
    <name>cityops::HandOverChecklist</name>
    <message>
        <source>Shift hand-over from %1</source>
        <translation>来自 %1 的交班</translation>
    </message>
    <message>
        <source>%1 left no note.</source>
        <translation>%1 未留下备注。</translation>
    </message>
    <message>
        <source>Note from %1: %2</source>
        <translation>%1 的备注：%2</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Open incidents (%1)</source>
        <translation>未结事件（%1）</translation>
    </message>
    <message>
        <source>, overdue</source>
        <translation>，已超时</translation>
    </message>
    <message>
        <source>Shelved or out-of-service alarms (%1)</source>
        <translation>已搁置或停用的报警（%1）</translation>
    </message>
    <message>
        <source>out of service</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>shelved</source>
        <translation>已搁置</translation>
    </message>
    <message>
        <source>Orders still running (%1)</source>
        <translation>仍在执行的指令（%1）</translation>
    </message>
    <message>
        <source>Order %1: %2 (%3)</source>
        <translation>指令 %1：%2（%3）</translation>
    </message>
    <message>
        <source>waits for approval</source>
        <translation>等待批准</translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>已完成 %1/%2</translation>
    </message>
    <message>
        <source>I have gone through this list and take over the console</source>
        <translation>我已逐项查看此清单并接管控制台</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>接班</translation>
    </message>
    <message>
        <source>Not now (sign out)</source>
        <translation>暂不（退出登录）</translation>
    </message>
    <message>
        <source>Green waves under way (%1)</source>
        <translation>进行中的绿波(%1)</translation>
    </message>
    <message>
        <source>%1 — started by %2, pre-approved by %3</source>
        <translation>%1 — 由 %2 发起,%3 预先批准</translation>
    </message>
    <message numerus="yes">
        <source>%n signal(s) held</source>
        <translation>
            <numerusform>保持 %n 个信号</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n green wave(s) under way</source>
        <translation>
            <numerusform>,进行中的绿波 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Signals held or pre-empted (%1)</source>
        <translation>保持或优先控制的信号 (%1)</translation>
    </message>
    <message>
        <source>order %1 of %2</source>
        <translation>%2 的指令 %1</translation>
    </message>
    <message>
        <source>%1 — phase %2, %3</source>
        <translation>%1 — 第 %2 相位，%3</translation>
    </message>
    <message numerus="yes">
        <source>, %n signal(s) held or pre-empted</source>
        <translation>
            <numerusform>,保持或优先控制的信号 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open incident(s)</source>
        <translation>
            <numerusform>%n 个未结事件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n shelved or out-of-service alarm(s)</source>
        <translation>
            <numerusform>，%n 个已搁置或停用的报警</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n running order(s)</source>
        <translation>
            <numerusform>，%n 个执行中的指令</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: holds its devices here</source>
        <translation>%1: 在此占用其设备</translation>
    </message>
    <message>
        <source>released here by %1 while %2</source>
        <translation>%1 在此释放(%2)</translation>
    </message>
</context>
<context>
    <name>cityops::IncidentBoard</name>
    <message numerus="yes">
        <source>INCIDENTS · %n OPEN</source>
        <translation>
            <numerusform>事件 · 未结 %n 起</numerusform>
        </translation>
    </message>
    <message>
        <source>No open incidents</source>
        <translation>没有未结事件</translation>
    </message>
    <message>
        <source>ACK</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>ON SCENE</source>
        <translation>到场</translation>
    </message>
    <message>
        <source>%1 IN %2</source>
        <translation>%1 剩余 %2</translation>
    </message>
    <message>
        <source>! %1 OVERDUE %2</source>
        <translation>! %1 超时 %2</translation>
    </message>
    <message numerus="yes">
        <source>+ %n more</source>
        <translation>
            <numerusform>另有 %n 起</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::IncidentPanel</name>
    <message>
        <source>Incident list</source>
        <translation>事件列表</translation>
    </message>
    <message>
        <source>Show &amp;resolved</source>
        <translation>显示已解决(&amp;R)</translation>
    </message>
    <message numerus="yes">
        <source>%n open incident(s) — critical %1 · major %2 · minor %3</source>
        <translation>
            <numerusform>未解决事件 %n 起 — 危急 %1 · 严重 %2 · 轻微 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>My &amp;districts only</source>
        <translation>仅本辖区(&amp;D)</translation>
    </message>
    <message>
        <source>Show only the incidents of the districts you answer for</source>
        <translation>只显示您负责辖区的事件</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>确认(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Dispatch</source>
        <translation>派遣(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;On scene</source>
        <translation>到场(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Resolve</source>
        <translation>解决(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Note…</source>
        <translation>备注(&amp;N)…</translation>
    </message>
    <message>
        <source>Incident #%1</source>
        <translation>事件 #%1</translation>
    </message>
    <message>
        <source>Note on incident #%1</source>
        <translation>事件 #%1 的备注</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message numerus="yes">
        <source> · %n escalated</source>
        <translation>
            <numerusform> · 已升级 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an incident in the list first.</source>
        <translation>请先在列表中选择一个事件。</translation>
    </message>
    <message>
        <source>Not a step from %1.</source>
        <translation>这不是从%1出发的步骤。</translation>
    </message>
</context>
<context>
    <name>cityops::IncidentTableModel</name>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Open for</source>
        <translation>持续时间</translation>
    </message>
    <message>
        <source>Dispatched, acknowledged by %1</source>
        <translation>已派遣，%1 已确认</translation>
    </message>
    <message>
        <source>acknowledge within %1</source>
        <translation>须在 %1 内确认</translation>
    </message>
    <message>
        <source>on scene within %1</source>
        <translation>须在 %1 内到场</translation>
    </message>
    <message>
        <source>ACK OVERDUE %1</source>
        <translation>确认超时 %1</translation>
    </message>
    <message>
        <source>ON SCENE OVERDUE %1</source>
        <translation>到场超时 %1</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
</context>
<context>
    <name>cityops::JournalPanel</name>
    <message>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <source>Show only lines with… (a name, #incident, device)</source>
        <translation>仅显示包含以下内容的行…（姓名、#事件、设备）</translation>
    </message>
    <message>
        <source>Filter the event log</source>
        <translation>筛选事件日志</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n line(s) shown</source>
        <translation>
            <numerusform>显示 %n 行中的 %1 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::KeyFiguresBoard</name>
    <message>
        <source>CITY</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>data %1 old</source>
        <translation>数据 %1 前</translation>
    </message>
    <message>
        <source>Signals fault/flash</source>
        <translation>信号 故障/闪烁</translation>
    </message>
    <message>
        <source>Not reporting</source>
        <translation>未上报</translation>
    </message>
    <message>
        <source>Incidents overdue</source>
        <translation>超时事件</translation>
    </message>
    <message>
        <source>Field link</source>
        <translation>现场链路</translation>
    </message>
    <message>
        <source>Signals held/pre-empted</source>
        <translation>信号 保持/优先控制</translation>
    </message>
</context>
<context>
    <name>cityops::Labels</name>
    <message>
        <source>Signal controller</source>
        <translation>信号控制机</translation>
    </message>
    <message>
        <source>Streetlight</source>
        <translation>路灯</translation>
    </message>
    <message>
        <source>Feeder</source>
        <translation>馈线</translation>
    </message>
    <message>
        <source>Substation</source>
        <translation>变电站</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Flashing</source>
        <translation>闪烁</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Pre-empted</source>
        <translation>优先控制中</translation>
    </message>
    <message>
        <source>Collision</source>
        <translation>碰撞事故</translation>
    </message>
    <message>
        <source>Signal fault</source>
        <translation>信号故障</translation>
    </message>
    <message>
        <source>Lamp outage</source>
        <translation>灯具熄灭</translation>
    </message>
    <message>
        <source>Feeder overload</source>
        <translation>馈线过载</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>危急</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>轻微</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>已派遣</translation>
    </message>
    <message>
        <source>On scene</source>
        <translation>到场</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>降级</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>outside districts</source>
        <translation>辖区外</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>Field work</source>
        <translation>现场作业</translation>
    </message>
    <message>
        <source>Lamp failed</source>
        <translation>灯具故障</translation>
    </message>
    <message>
        <source>Signal controller fault</source>
        <translation>信号机故障</translation>
    </message>
    <message>
        <source>No communication</source>
        <translation>通信中断</translation>
    </message>
    <message>
        <source>Feeder overloaded</source>
        <translation>馈线过载</translation>
    </message>
    <message>
        <source>Feeder breaker tripped</source>
        <translation>馈线断路器跳闸</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Switch program</source>
        <translation>切换方案</translation>
    </message>
    <message>
        <source>Hold phase</source>
        <translation>保持相位</translation>
    </message>
    <message>
        <source>Advance phase</source>
        <translation>推进相位</translation>
    </message>
    <message>
        <source>Flash</source>
        <translation>闪烁</translation>
    </message>
    <message>
        <source>Pre-empt (hold green)</source>
        <translation>优先控制（保持绿灯）</translation>
    </message>
    <message>
        <source>Restore normal operation</source>
        <translation>恢复正常运行</translation>
    </message>
    <message>
        <source>Switch on</source>
        <translation>开灯</translation>
    </message>
    <message>
        <source>Switch off</source>
        <translation>关灯</translation>
    </message>
    <message>
        <source>Dim to %</source>
        <translation>调光至 %</translation>
    </message>
    <message>
        <source>Automatic (photocell)</source>
        <translation>自动（光控）</translation>
    </message>
    <message>
        <source>Shed (open breaker)</source>
        <translation>甩负荷（断路器分闸）</translation>
    </message>
    <message>
        <source>Restore (close breaker)</source>
        <translation>恢复（断路器合闸）</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>已请求</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>待批准</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>执行中</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已失效</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>查看者</translation>
    </message>
    <message>
        <source>responder</source>
        <translation>响应人员</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>Flash intersection and dispatch responders</source>
        <translation>路口闪烁并派遣响应人员</translation>
    </message>
    <message>
        <source>Dim district</source>
        <translation>辖区调光</translation>
    </message>
    <message>
        <source>Shed feeders, then restore</source>
        <translation>馈线甩负荷后恢复</translation>
    </message>
    <message>
        <source>Emergency green wave</source>
        <translation>紧急绿波</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>action and phase number</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Dim to %1 %</source>
        <translation>调光至 %1 %</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>action and value</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>near %1</source>
        <translation>%1 附近</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Central</source>
        <translation>中部</translation>
    </message>
    <message>
        <source>North</source>
        <translation>北区</translation>
    </message>
    <message>
        <source>South</source>
        <translation>南区</translation>
    </message>
    <message>
        <source>West</source>
        <translation>西区</translation>
    </message>
    <message>
        <source>East</source>
        <translation>东区</translation>
    </message>
    <message>
        <source>North-West</source>
        <translation>西北</translation>
    </message>
    <message>
        <source>North-East</source>
        <translation>东北</translation>
    </message>
    <message>
        <source>South-West</source>
        <translation>西南</translation>
    </message>
    <message>
        <source>South-East</source>
        <translation>东南</translation>
    </message>
    <message>
        <source>Central West</source>
        <translation>中西</translation>
    </message>
    <message>
        <source>Central East</source>
        <translation>中东</translation>
    </message>
    <message>
        <source>raised</source>
        <translation>发生</translation>
    </message>
    <message>
        <source>returned to normal</source>
        <translation>恢复正常</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>shelved</source>
        <translation>搁置</translation>
    </message>
    <message>
        <source>unshelved</source>
        <translation>取消搁置</translation>
    </message>
    <message>
        <source>taken out of service</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>returned to service</source>
        <translation>恢复使用</translation>
    </message>
    <message>
        <source>suppressed</source>
        <translation>抑制</translation>
    </message>
    <message>
        <source>no longer suppressed</source>
        <translation>取消抑制</translation>
    </message>
    <message>
        <source>signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>signed out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>started replay</source>
        <translation>开始回放</translation>
    </message>
    <message>
        <source>stopped replay</source>
        <translation>结束回放</translation>
    </message>
    <message>
        <source>exported</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>sign-in refused</source>
        <translation>登录被拒</translation>
    </message>
    <message>
        <source>locked the console</source>
        <translation>锁定控制台</translation>
    </message>
    <message>
        <source>unlocked the console</source>
        <translation>解锁控制台</translation>
    </message>
    <message>
        <source>handed over the shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <source>took over the shift</source>
        <translation>接班</translation>
    </message>
    <message>
        <source>overrode an interlock</source>
        <translation>解除联锁</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <comment>incident, alarm or order step by a person</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>acknowledgement overdue</source>
        <translation>确认超时</translation>
    </message>
    <message>
        <source>on scene overdue</source>
        <translation>到场超时</translation>
    </message>
    <message>
        <source>Incident #%1: %2</source>
        <translation>事件 #%1：%2</translation>
    </message>
    <message>
        <source>Alarm %1 (%2): %3</source>
        <translation>告警 %1（%2）：%3</translation>
    </message>
    <message>
        <source>Order %1: %2</source>
        <translation>指令 %1：%2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>simulator ×%1</source>
        <translation>模拟器 ×%1</translation>
    </message>
    <message>
        <source>Signals dark</source>
        <translation>信号灯熄灭</translation>
    </message>
    <message>
        <source>Devices silent: common cause</source>
        <translation>设备无响应：共同原因</translation>
    </message>
    <message>
        <source>put on the video wall</source>
        <translation>显示到视频墙</translation>
    </message>
    <message>
        <source>sent a vehicle</source>
        <translation>派出车辆</translation>
    </message>
    <message>
        <source>stopped a green wave</source>
        <translation>停止了绿波</translation>
    </message>
    <message>
        <source> (keeps ×%1: the city&apos;s time follows it)</source>
        <comment>the simulation runs slower than asked</comment>
        <translation>（实际 ×%1：城市时间随之放慢）</translation>
    </message>
    <message>
        <source> · signals by SUMO</source>
        <translation> · 信号由SUMO控制</translation>
    </message>
    <message>
        <source> — %1; signals not reporting until it runs again</source>
        <comment>%1: what happened to SUMO, in its words</comment>
        <translation> — %1；恢复运行前信号无报告</translation>
    </message>
    <message>
        <source>%1 — retrying: %2</source>
        <comment>%1: the broker&apos;s address; %2: why it failed, in its words</comment>
        <translation>%1 — 正在重试：%2</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <comment>a field link that lost its broker</comment>
        <translation>正在重新连接</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>started a green wave, now over</source>
        <comment>the vehicle of a wave this person started has parked</comment>
        <translation>发起的绿波已结束</translation>
    </message>
    <message>
        <source>Signal held too long</source>
        <translation>信号保持时间过长</translation>
    </message>
    <message>
        <source>a command this console has no record of</source>
        <translation>本控制台没有记录的指令</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>a device&apos;s place and its id</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>no deadline</source>
        <translation>无期限</translation>
    </message>
    <message>
        <source>&lt;p&gt;The city&apos;s own response rules (set with &lt;i&gt;cityops-admin rules&lt;/i&gt;).&lt;/p&gt;</source>
        <translation>&lt;p&gt;本城市自己的响应规则（用 &lt;i&gt;cityops-admin rules&lt;/i&gt; 设置）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The default response rules: this city has set none of its own (&lt;i&gt;cityops-admin rules&lt;/i&gt;).&lt;/p&gt;</source>
        <translation>&lt;p&gt;默认响应规则：本城市未设置自己的规则（&lt;i&gt;cityops-admin rules&lt;/i&gt;）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Acknowledge within</source>
        <translation>确认时限</translation>
    </message>
    <message>
        <source>On scene within</source>
        <translation>到场时限</translation>
    </message>
    <message>
        <source>&lt;p&gt;Past a deadline the incident is escalated to the supervisors. A signal held on a phase for more than &lt;b&gt;%1&lt;/b&gt;, or pre-empted for more than &lt;b&gt;%2&lt;/b&gt;, raises an alarm.&lt;/p&gt;</source>
        <translation>&lt;p&gt;超过时限的事件会升级给主管。信号保持某相位超过 &lt;b&gt;%1&lt;/b&gt;，或被优先控制超过 &lt;b&gt;%2&lt;/b&gt;，将触发报警。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Each incident keeps the deadlines it was given when it arose.&lt;/p&gt;</source>
        <translation>&lt;p&gt;每个事件保留其发生时给定的时限。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>changed the response rules</source>
        <comment>recorded as the city&apos;s, not a person&apos;s: see activity()</comment>
        <translation>更改了响应规则</translation>
    </message>
    <message>
        <source>The city&apos;s response rules changed</source>
        <translation>城市的响应规则已更改</translation>
    </message>
    <message>
        <source>closed the console</source>
        <translation>关闭了控制台</translation>
    </message>
    <message>
        <source>The incidents, alarms and orders open when this console last stopped were NOT carried over (%1): this desk starts without them. Replay the recording (Ctrl+R) to see them.</source>
        <translation>本控制台上次停止时未结的事件、报警和指令没有被接续（%1）：本席位在没有它们的情况下启动。请回放记录（Ctrl+R）查看。</translation>
    </message>
    <message numerus="yes">
        <source>Carried on from the recording without %n event(s) it could not read (the first: %1); what they recorded is not on this desk.</source>
        <translation>
            <numerusform>已从记录接续，但跳过了 %n 条无法读取的事件（第一条：%1）；其内容不在本席位上。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The replay goes on without %n recorded event(s) it cannot read (the first: %1).</source>
        <translation>
            <numerusform>回放将跳过 %n 条无法读取的记录事件继续（第一条：%1）。</numerusform>
        </translation>
    </message>
    <message>
        <source>No snapshot of the recording could be read, and it keeps events only from %1: the incidents, alarms and orders open before then are NOT on this desk — check them in the field.</source>
        <translation>记录的快照均无法读取，且记录只保留 %1 之后的事件：此前未结的事件、报警和指令不在本席位上——请到现场核实。</translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform>，另有 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Console %1 is on the broker</source>
        <translation>控制台 %1 已连接到代理</translation>
    </message>
    <message>
        <source>Console %1 is gone from the broker</source>
        <translation>控制台 %1 已从代理消失</translation>
    </message>
    <message>
        <source>Released here</source>
        <translation>已在此释放</translation>
    </message>
    <message>
        <source>%1 is on the broker</source>
        <translation>%1 在代理上</translation>
    </message>
    <message>
        <source>%1 is gone</source>
        <translation>%1 已不在</translation>
    </message>
    <message>
        <source>%1 is out of the console keyring</source>
        <translation>%1 已被移出控制台密钥环</translation>
    </message>
    <message>
        <source>Console %1 was taken out of the console keyring: its operations are refused here</source>
        <translation>控制台 %1 已被移出控制台密钥环: 此处拒绝其操作</translation>
    </message>
    <message>
        <source>Traffic not counted in any district</source>
        <translation>所有区域的交通均未计数</translation>
    </message>
    <message>
        <source>Traffic not counted in %1</source>
        <translation>%1 的交通未计数</translation>
    </message>
    <message>
        <source>Traffic not yet counted in any district</source>
        <translation>所有区域的交通尚未开始计数</translation>
    </message>
    <message>
        <source>Traffic not yet counted in %1</source>
        <translation>%1 的交通尚未开始计数</translation>
    </message>
    <message>
        <source>clock %1 behind (its reports dated on arrival)</source>
        <translation>时钟慢 %1（其报告按到达时间记录）</translation>
    </message>
    <message>
        <source>clock %1 ahead (its reports dated on arrival)</source>
        <translation>时钟快 %1（其报告按到达时间记录）</translation>
    </message>
    <message>
        <source>clock %1 behind: it refuses this desk&apos;s commands as issued in its future — set its clock (NTP)</source>
        <translation>时钟慢 %1：它会把本席位的命令当作在其未来签发而拒绝 — 请校准其时钟 (NTP)</translation>
    </message>
    <message>
        <source>clock %1 ahead: it refuses a command of this desk valid for less as expired — set its clock (NTP)</source>
        <translation>时钟快 %1：本席位有效期短于此差值的命令会被当作已过期而拒绝 — 请校准其时钟 (NTP)</translation>
    </message>
    <message>
        <source>%1 clock %2 behind</source>
        <translation>%1 时钟慢 %2</translation>
    </message>
    <message>
        <source>%1 clock %2 ahead</source>
        <translation>%1 时钟快 %2</translation>
    </message>
    <message>
        <source>%1 clock %2 behind: its operations refused</source>
        <translation>%1 时钟慢 %2：其操作被拒绝</translation>
    </message>
    <message>
        <source>%1 clock %2 ahead: its operations refused</source>
        <translation>%1 时钟快 %2：其操作被拒绝</translation>
    </message>
    <message>
        <source>this desk&apos;s clock %1 behind</source>
        <translation>本席时钟慢 %1</translation>
    </message>
    <message>
        <source>this desk&apos;s clock %1 ahead</source>
        <translation>本席时钟快 %1</translation>
    </message>
    <message>
        <source>This desk&apos;s clock is likely the one off: %1 behind every other clock it judges (%2). The field refuses its commands valid for less as expired, other desks its operations — set this desk&apos;s clock (NTP)</source>
        <translation>出错的很可能是本席时钟：比所有可判断的其他时钟 (%2) 慢 %1。现场将有效期更短的命令视为过期而拒绝，其他席位拒绝其操作 — 请校准本席时钟 (NTP)</translation>
    </message>
    <message>
        <source>This desk&apos;s clock is likely the one off: %1 ahead of every other clock it judges (%2). The field refuses its commands as issued in its future, other desks its operations — set this desk&apos;s clock (NTP)</source>
        <translation>出错的很可能是本席时钟：比所有可判断的其他时钟 (%2) 快 %1。现场将其命令视为在未来发出而拒绝，其他席位拒绝其操作 — 请校准本席时钟 (NTP)</translation>
    </message>
    <message>
        <source>changed an account</source>
        <comment>an administrator, with cityops-admin: see activity()</comment>
        <translation>更改了账户</translation>
    </message>
    <message>
        <source>An administrator (%1) changed an account with cityops-admin</source>
        <translation>管理员（%1）使用 cityops-admin 更改了账户</translation>
    </message>
    <message>
        <source>changed a keyring</source>
        <comment>an administrator, with cityops-admin: see activity()</comment>
        <translation>更改了密钥环</translation>
    </message>
    <message>
        <source>An administrator (%1) changed whose keys are believed with cityops-admin</source>
        <translation>管理员（%1）使用 cityops-admin 更改了受信任的密钥</translation>
    </message>
    <message>
        <source>Whose keys are believed was changed outside cityops-admin; nobody is recorded as having done it</source>
        <translation>受信任的密钥在 cityops-admin 之外被更改；没有记录是谁所为</translation>
    </message>
    <message>
        <source>other console and approver keyrings than this console</source>
        <translation>与本控制台不同的控制台和审批人密钥环</translation>
    </message>
    <message>
        <source>another console keyring than this console</source>
        <translation>与本控制台不同的控制台密钥环</translation>
    </message>
    <message>
        <source>another approver keyring than this console</source>
        <translation>与本控制台不同的审批人密钥环</translation>
    </message>
    <message>
        <source>A gateway&apos;s keyrings compared with this console&apos;s</source>
        <translation>网关的信任密钥与本控制台的比对</translation>
    </message>
    <message>
        <source>%1 keyrings differ</source>
        <comment>a gateway or a console</comment>
        <translation>%1 的密钥环不同</translation>
    </message>
    <message>
        <source>%1 console keyring differs</source>
        <comment>a gateway or a console</comment>
        <translation>%1 的控制台密钥环不同</translation>
    </message>
    <message>
        <source>%1 approver keyring differs</source>
        <comment>a gateway or a console</comment>
        <translation>%1 的审批人密钥环不同</translation>
    </message>
    <message>
        <source>Another desk&apos;s keyrings compared with this console&apos;s</source>
        <translation>另一个席位的信任密钥与本控制台的比对</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) not recorded over %1: the console could not write them (its disk full, or its recording too far behind) — the record&apos;s check names them</source>
        <translation>
            <numerusform>%Ln 个事件在 %1 内未被记录：控制台无法写入（磁盘已满，或记录落后太多）— 记录检查会列出它们</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 set their own password</source>
        <translation>%1 设置了自己的密码</translation>
    </message>
    <message>
        <source>%1 changed an account at a console</source>
        <translation>%1 在控制台更改了账户</translation>
    </message>
    <message>
        <source>%1 moved their approval key to their password now</source>
        <translation>%1 将其审批密钥移到了当前密码</translation>
    </message>
</context>
<context>
    <name>cityops::MainWindow</name>
    <message>
        <source>CityOps — %1</source>
        <translation>CityOps — %1</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>能源</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Whole city</source>
        <translation>全市(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Layers</source>
        <translation>图层(&amp;L)</translation>
    </message>
    <message>
        <source>Focus &amp;map</source>
        <translation>聚焦地图(&amp;M)</translation>
    </message>
    <message>
        <source>Focus &amp;incident list</source>
        <translation>聚焦事件列表(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About CityOps</source>
        <translation>关于 CityOps(&amp;A)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About CityOps</source>
        <translation>关于 CityOps</translation>
    </message>
    <message>
        <source>&lt;h3&gt;CityOps %1&lt;/h3&gt;&lt;p&gt;Operations console for city control rooms.&lt;/p&gt;&lt;p&gt;&lt;b&gt;City:&lt;/b&gt; %2&lt;br&gt;&lt;b&gt;Source:&lt;/b&gt; %3&lt;/p&gt;&lt;p&gt;%4&lt;/p&gt;&lt;p&gt;Map data © OpenStreetMap contributors, available under the Open Database License (ODbL). Road network converted with Eclipse SUMO (EPL-2.0).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;CityOps %1&lt;/h3&gt;&lt;p&gt;城市指挥中心运行控制台。&lt;/p&gt;&lt;p&gt;&lt;b&gt;城市：&lt;/b&gt;%2&lt;br&gt;&lt;b&gt;来源：&lt;/b&gt;%3&lt;/p&gt;&lt;p&gt;%4&lt;/p&gt;&lt;p&gt;地图数据 © OpenStreetMap 贡献者，依据开放数据库许可 (ODbL) 提供。路网由 Eclipse SUMO (EPL-2.0) 转换。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Replay: %1</source>
        <translation>回放：%1</translation>
    </message>
    <message>
        <source>Replay needs a recording, and this console is not recording.</source>
        <translation>回放需要记录，但此控制台未在记录。</translation>
    </message>
    <message>
        <source>Opening the recording…</source>
        <translation>正在打开记录…</translation>
    </message>
    <message>
        <source>&amp;Replay</source>
        <translation>回放(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Replay the recording</source>
        <translation>回放记录(&amp;R)</translation>
    </message>
    <message>
        <source>Return to &amp;live</source>
        <translation>返回实时(&amp;L)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出：%1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>&amp;Export a time window…</source>
        <translation>导出时间段(&amp;E)…</translation>
    </message>
    <message>
        <source>L&amp;egend</source>
        <translation>图例(&amp;E)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Find a device, street or incident #… (Ctrl+F)</source>
        <translation>查找设备、街道或事件 #…（Ctrl+F）</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Nothing found for &quot;%1&quot;</source>
        <translation>未找到“%1”</translation>
    </message>
    <message>
        <source>Showing %1</source>
        <translation>正在显示 %1</translation>
    </message>
    <message>
        <source>An export is still running; cancel it or wait for it to finish.</source>
        <translation>导出仍在进行；请取消或等待其完成。</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>正在导出 %1…</translation>
    </message>
    <message>
        <source>Export cancelled; no files were written.</source>
        <translation>导出已取消；未写入任何文件。</translation>
    </message>
    <message>
        <source>Export %p%</source>
        <translation>导出 %p%</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <source>Stops the export; nothing half-written is left behind</source>
        <translation>停止导出；不会留下写了一半的文件</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Lock the console</source>
        <translation>锁定控制台(&amp;L)</translation>
    </message>
    <message>
        <source>locked by hand</source>
        <translation>手动锁定</translation>
    </message>
    <message>
        <source>&amp;Hand over the shift…</source>
        <translation>交班(&amp;H)…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>Hand over the shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <source>A note for the person taking over (what to watch, what is pending):</source>
        <translation>给接班人的备注（需关注什么、有什么待办）：</translation>
    </message>
    <message>
        <source>Reset the &amp;layout</source>
        <translation>恢复默认布局(&amp;L)</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Ctrl+Alt+L&lt;/b&gt; lock the console · Session ▸ Hand over the shift · View ▸ Reset the layout&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Ctrl+Alt+L&lt;/b&gt; 锁定控制台 · 会话 ▸ 交班 · 视图 ▸ 恢复默认布局&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Show on the &amp;wall</source>
        <translation>在大屏上显示(&amp;W)</translation>
    </message>
    <message>
        <source>Puts the selected incident or device on the video wall&apos;s map for a minute</source>
        <translation>将所选事件或设备在大屏地图上显示一分钟</translation>
    </message>
    <message>
        <source>Select an incident or a device to show on the wall.</source>
        <translation>请选择要在大屏上显示的事件或设备。</translation>
    </message>
    <message>
        <source>Asking the wall…</source>
        <translation>正在请求大屏…</translation>
    </message>
    <message>
        <source>On the wall: %1</source>
        <translation>已上大屏：%1</translation>
    </message>
    <message>
        <source>Not on the wall: %1</source>
        <translation>未能上大屏：%1</translation>
    </message>
    <message>
        <source>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Arrow keys&lt;/b&gt;&lt;/td&gt;&lt;td&gt;pan the map&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;+ / −, PgUp / PgDn, wheel&lt;/b&gt;&lt;/td&gt;&lt;td&gt;zoom in / out&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Home, Ctrl+0&lt;/b&gt;&lt;/td&gt;&lt;td&gt;whole city&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;clear the selection&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+1 … Alt+6&lt;/b&gt;&lt;/td&gt;&lt;td&gt;show / hide map layers&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F6 / F7&lt;/b&gt;&lt;/td&gt;&lt;td&gt;focus the map / the incident list&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Enter&lt;/b&gt; (incident list)&lt;/td&gt;&lt;td&gt;fly to the incident&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;find a device, street or incident&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;show / hide the legend&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;export a time window&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+W&lt;/b&gt;&lt;/td&gt;&lt;td&gt;show the selection on the video wall&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+R / Ctrl+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;replay the recording / return to live&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space, ← →, PgUp / PgDn&lt;/b&gt; (replay)&lt;/td&gt;&lt;td&gt;play/pause, step 10 s, previous/next incident&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Q&lt;/b&gt;&lt;/td&gt;&lt;td&gt;close the console (asks first)&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;方向键&lt;/b&gt;&lt;/td&gt;&lt;td&gt;平移地图&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;+ / −、PgUp / PgDn、滚轮&lt;/b&gt;&lt;/td&gt;&lt;td&gt;放大 / 缩小&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Home、Ctrl+0&lt;/b&gt;&lt;/td&gt;&lt;td&gt;全市&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;取消选择&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+1 … Alt+6&lt;/b&gt;&lt;/td&gt;&lt;td&gt;显示 / 隐藏地图图层&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F6 / F7&lt;/b&gt;&lt;/td&gt;&lt;td&gt;聚焦地图 / 事件列表&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Enter&lt;/b&gt;（事件列表）&lt;/td&gt;&lt;td&gt;跳转到事件&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;查找设备、街道或事件&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;显示 / 隐藏图例&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;导出时间段&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+W&lt;/b&gt;&lt;/td&gt;&lt;td&gt;在大屏上显示所选对象&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+R / Ctrl+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;回放记录 / 返回实时&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space、← →、PgUp / PgDn&lt;/b&gt;（回放中）&lt;/td&gt;&lt;td&gt;播放/暂停、步进 10 秒、上/下一个事件&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Q&lt;/b&gt;&lt;/td&gt;&lt;td&gt;关闭控制台（先确认）&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>Sent to the walls on the broker for %1 s</source>
        <translation>已发送到代理上的视频墙，显示 %1 秒</translation>
    </message>
    <message>
        <source>No field data since %1 — the map shows the last reports; the link is retrying</source>
        <translation>自 %1 起无现场数据 — 地图显示最后的报告；链路正在重试</translation>
    </message>
    <message>
        <source>No field data — the field link is not connected</source>
        <translation>无现场数据 — 现场链路未连接</translation>
    </message>
    <message>
        <source>&amp;Response rules</source>
        <translation>响应规则(&amp;R)</translation>
    </message>
    <message>
        <source>Response rules</source>
        <translation>响应规则</translation>
    </message>
    <message>
        <source>The city&apos;s response rules changed: new incidents get the new deadlines, those open keep theirs (Help ▸ Response rules)</source>
        <translation>城市的响应规则已更改：新事件采用新的时限，未结事件保留原时限（帮助 ▸ 响应规则）</translation>
    </message>
    <message>
        <source>The city&apos;s response rules were changed but cannot be used; those in force stay: %1</source>
        <translation>城市的响应规则已更改但无法使用，继续沿用现行规则：%1</translation>
    </message>
    <message>
        <source>Kept running: the green waves are stopped.</source>
        <translation>继续运行：绿波已停止。</translation>
    </message>
    <message>
        <source>The recording holds events this console cannot read, so nothing was exported.</source>
        <translation>记录中有本控制台无法读取的事件，因此没有导出任何内容。</translation>
    </message>
    <message>
        <source>Export &amp;without them</source>
        <translation>不含这些事件导出(&amp;W)</translation>
    </message>
    <message>
        <source>The events with their chain are not written: with events left out they could not be checked.</source>
        <translation>不写出带链的事件：略去事件后将无法核验。</translation>
    </message>
    <message>
        <source>Export the window without them? The files then leave out every event it cannot read, and the summary says how many and the first.</source>
        <translation>是否不含这些事件导出该时段？文件将略去所有无法读取的事件，摘要会说明数量和第一条。</translation>
    </message>
    <message>
        <source>&amp;Check the record</source>
        <translation>校验记录(&amp;C)</translation>
    </message>
    <message>
        <source>This console is not recording: there is no record to check.</source>
        <translation>此控制台未在记录: 没有可校验的记录。</translation>
    </message>
    <message>
        <source>The record is being checked already.</source>
        <translation>记录正在校验中。</translation>
    </message>
    <message>
        <source>Checking the record…</source>
        <translation>正在校验记录…</translation>
    </message>
    <message>
        <source>Checks that the recording is as it was recorded: the events&apos; signed chain, and every snapshot a replay starts from rebuilt from the events before it</source>
        <translation>校验记录是否保持原样: 事件的签名链, 以及回放起点的每个快照(由其之前的事件重建后比对)</translation>
    </message>
    <message>
        <source>Checking the record… %1 %</source>
        <translation>正在校验记录… %1 %</translation>
    </message>
    <message>
        <source>S&amp;top checking the record</source>
        <translation>停止检查记录(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Change my password…</source>
        <translation>更改我的密码(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;People…</source>
        <translation>人员(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Approval key…</source>
        <translation>审批密钥(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>cityops::MapLayers</name>
    <message>
        <source>Districts</source>
        <translation>辖区</translation>
    </message>
    <message>
        <source>Roads</source>
        <translation>道路</translation>
    </message>
    <message>
        <source>Streetlights</source>
        <translation>路灯</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>能源</translation>
    </message>
    <message>
        <source>Signals</source>
        <translation>信号</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Reserved devices</source>
        <translation>已预留设备</translation>
    </message>
    <message>
        <source>Background map</source>
        <translation>背景地图</translation>
    </message>
    <message>
        <source>Street names</source>
        <translation>街道名称</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>排队</translation>
    </message>
    <message>
        <source>Emergency vehicles</source>
        <translation>应急车辆</translation>
    </message>
    <message>
        <source>Road traffic</source>
        <translation>道路交通</translation>
    </message>
</context>
<context>
    <name>cityops::MapSearch</name>
    <message numerus="yes">
        <source>%1 (%n other junction(s) match too: type more of a name)</source>
        <translation>
            <numerusform>%1（另有 %n 个路口也符合：请多输入一些名称）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::MapView</name>
    <message>
        <source>City map</source>
        <translation>城市地图</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 公里</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <source>Roads © OpenStreetMap contributors (ODbL) · SUMO</source>
        <translation>道路 © OpenStreetMap 贡献者 (ODbL) · SUMO</translation>
    </message>
    <message>
        <source>REPLAY</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>Signal flashing / faulted</source>
        <translation>信号 闪烁 / 故障</translation>
    </message>
    <message>
        <source>Lamp fault</source>
        <translation>灯具故障</translation>
    </message>
    <message>
        <source>Not reporting</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>Feeder ≥ 80 % of rating</source>
        <translation>馈线 ≥ 额定值 80 %</translation>
    </message>
    <message>
        <source>Feeder over rating</source>
        <translation>馈线 超过额定值</translation>
    </message>
    <message>
        <source>Incident: critical</source>
        <translation>事件：危急</translation>
    </message>
    <message>
        <source>Incident: major</source>
        <translation>事件：严重</translation>
    </message>
    <message>
        <source>Incident: minor</source>
        <translation>事件：轻微</translation>
    </message>
    <message>
        <source>%1 — %2
%3, open for %4</source>
        <translation>%1 — %2
%3，已持续 %4</translation>
    </message>
    <message>
        <source>no report yet</source>
        <translation>尚无报告</translation>
    </message>
    <message>
        <source>not reporting</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>flashing (fault)</source>
        <translation>闪烁（故障）</translation>
    </message>
    <message>
        <source>lamp fault</source>
        <translation>灯具故障</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>on, %1 %</source>
        <translation>开，%1 %</translation>
    </message>
    <message>
        <source>%1 % of rating</source>
        <translation>额定值的 %1 %</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Emergency vehicle on its way, its route</source>
        <translation>行驶中的应急车辆及其路线</translation>
    </message>
    <message>
        <source>Emergency vehicle standing</source>
        <translation>待命的应急车辆</translation>
    </message>
    <message>
        <source>%1 — standing</source>
        <translation>%1 — 停靠中</translation>
    </message>
    <message>
        <source>%1 — on its way, %2 km/h</source>
        <translation>%1 — 行驶中，时速 %2 公里</translation>
    </message>
    <message>
        <source>Traffic standing a block long</source>
        <translation>拥堵长达一个街区</translation>
    </message>
    <message>
        <source>Traffic standing two blocks long</source>
        <translation>拥堵长达两个街区</translation>
    </message>
    <message>
        <source>Signal held / pre-empted</source>
        <translation>保持 / 优先控制的信号</translation>
    </message>
    <message>
        <source>Signal running its program</source>
        <translation>按配时方案运行的信号机</translation>
    </message>
</context>
<context>
    <name>cityops::OpsClient</name>
    <message>
        <source>Nobody is signed in at this console: sign in first.</source>
        <translation>此控制台无人登录：请先登录。</translation>
    </message>
    <message>
        <source>Approve order %1</source>
        <translation>批准指令 %1</translation>
    </message>
    <message>
        <source>Order %1 was not approved: approving needs your password again.</source>
        <translation>指令 %1 未获批准：批准需要再次输入密码。</translation>
    </message>
    <message>
        <source>Order %1 was not approved: the devices need your approval signature, and %2</source>
        <translation>指令 %1 未获批准：设备需要您的批准签名，但 %2</translation>
    </message>
    <message>
        <source>%1 (sealed with an earlier password: Session ▸ Approval key… moves it to your password now)</source>
        <translation>%1（用以前的密码封存：可通过“会话 ▸ 审批密钥…”移到当前密码）</translation>
    </message>
</context>
<context>
    <name>cityops::OpsConsole</name>
    <message>
        <source>Alarms</source>
        <translation>报警</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <source>Replay shows the past and changes nothing: return to live (Ctrl+L) to act.</source>
        <translation>回放只显示过去，不做任何更改：请返回实时 (Ctrl+L) 后再操作。</translation>
    </message>
    <message>
        <source>&amp;Operations</source>
        <translation>运行(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Command selected devices…</source>
        <translation>控制所选设备(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Flash intersection and dispatch responders…</source>
        <translation>路口闪烁并派遣响应人员(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Dim a district…</source>
        <translation>辖区调光(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Shed feeders, then restore…</source>
        <translation>馈线甩负荷后恢复(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Report an incident at the map centre…</source>
        <translation>在地图中心上报事件(&amp;R)…</translation>
    </message>
    <message>
        <source>Focus &amp;alarm list</source>
        <translation>聚焦报警列表(&amp;A)</translation>
    </message>
    <message>
        <source>Focus c&amp;ommand orders</source>
        <translation>聚焦指令列表(&amp;O)</translation>
    </message>
    <message>
        <source>Nothing to command there.</source>
        <translation>那里没有可控制的对象。</translation>
    </message>
    <message>
        <source>Select an intersection (a signal controller) on the map first.</source>
        <translation>请先在地图上选择路口（信号机）。</translation>
    </message>
    <message>
        <source>Dim a district</source>
        <translation>辖区调光</translation>
    </message>
    <message>
        <source>District:</source>
        <translation>辖区：</translation>
    </message>
    <message>
        <source>Dim the streetlights to (%):</source>
        <translation>路灯调光至 (%)：</translation>
    </message>
    <message>
        <source>Shed feeders</source>
        <translation>馈线甩负荷</translation>
    </message>
    <message numerus="yes">
        <source>Shed %n feeder(s), least critical first, and restore them after (minutes):</source>
        <translation>
            <numerusform>按重要性从低到高对 %n 条馈线甩负荷，并在多少分钟后恢复：</numerusform>
        </translation>
    </message>
    <message>
        <source>Emergency green wave</source>
        <translation>紧急绿波</translation>
    </message>
    <message>
        <source>The route, as the signals or devices it passes in order (ids, comma-separated):</source>
        <translation>路线（按顺序经过的信号或设备编号，逗号分隔）：</translation>
    </message>
    <message>
        <source>Unknown device %1</source>
        <translation>未知设备 %1</translation>
    </message>
    <message>
        <source>A route needs at least two points.</source>
        <translation>路线至少需要两个点。</translation>
    </message>
    <message>
        <source>Vehicle speed (km/h):</source>
        <translation>车辆速度 (km/h)：</translation>
    </message>
    <message>
        <source>Report an incident</source>
        <translation>上报事件</translation>
    </message>
    <message>
        <source>Severity:</source>
        <translation>严重程度：</translation>
    </message>
    <message>
        <source>What is it?</source>
        <translation>是什么情况？</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>Command…</source>
        <translation>控制…</translation>
    </message>
    <message>
        <source>Flash and dispatch responders…</source>
        <translation>闪烁并派遣响应人员…</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派遣</translation>
    </message>
    <message>
        <source>On scene</source>
        <translation>到场</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>Incident #%1</source>
        <translation>事件 #%1</translation>
    </message>
    <message>
        <source>Report an incident here…</source>
        <translation>在此上报事件…</translation>
    </message>
    <message>
        <source>Refused — %1</source>
        <translation>被拒绝 — %1</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) picked — Ctrl+K commands them, Esc clears</source>
        <translation>
            <numerusform>已选择 %n 个设备 — Ctrl+K 控制，Esc 清除</numerusform>
        </translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>%1 · %2%3%4</source>
        <translation>%1 · %2%3%4</translation>
    </message>
    <message>
        <source> · locked</source>
        <translation> · 已锁定</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Send an emergency &amp;vehicle with a green wave…</source>
        <translation>以绿波派出应急车辆(&amp;V)…</translation>
    </message>
    <message>
        <source>Emergency &amp;green wave on a timetable…</source>
        <translation>按时刻表的应急绿波(&amp;G)…</translation>
    </message>
    <message>
        <source>incident #%1 (%2)</source>
        <translation>事件 #%1（%2）</translation>
    </message>
    <message>
        <source>Select where the vehicle goes first: an incident or a device on the map.</source>
        <translation>请先选择车辆的去向：地图上的事件或设备。</translation>
    </message>
    <message numerus="yes">
        <source>%1 is on its way (%2 km); green wave over %n signal(s), pre-approved by %3</source>
        <translation>
            <numerusform>%1 已出发（%2 公里）；绿波覆盖 %n 个信号，由 %3 预先审批</numerusform>
        </translation>
    </message>
    <message>
        <source>Green wave for %1: %2</source>
        <translation>%1 的绿波：%2</translation>
    </message>
    <message>
        <source>S&amp;top a green wave…</source>
        <translation>停止绿波(&amp;T)…</translation>
    </message>
    <message numerus="yes">
        <source>Green wave for %1 stopped by %2; %n signal(s) released</source>
        <translation>
            <numerusform>%1 的绿波已由 %2 停止;已释放 %n 个信号</numerusform>
        </translation>
    </message>
    <message>
        <source>No green wave is under way.</source>
        <translation>当前没有进行中的绿波。</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n signal(s) held</source>
        <translation>
            <numerusform>%1 — 保持 %n 个信号</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop a green wave</source>
        <translation>停止绿波</translation>
    </message>
    <message>
        <source>Its held signals return to their programs; the vehicle drives on without a wave.</source>
        <translation>其保持的信号恢复原有配时方案;车辆在无绿波的情况下继续行驶。</translation>
    </message>
    <message>
        <source>Refused — green wave for %1: %2</source>
        <translation>已拒绝 — %1 的绿波:%2</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n held)</source>
        <translation>
            <numerusform>%1(保持 %n 个)</numerusform>
        </translation>
    </message>
    <message>
        <source>Green wave: %1</source>
        <translation>绿波:%1</translation>
    </message>
    <message numerus="yes">
        <source>The earlier green wave for %1 ends: its %n held signal(s) go to the new one (released there if not on the new route)</source>
        <translation>
            <numerusform>%1 之前的绿波结束:其保持的 %n 个信号移交给新绿波(不在新路线上的信号将在那里释放)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Green wave for %1 over: it arrived %2 after setting off (planned %3), with %n stop(s) on the way</source>
        <translation>
            <numerusform>%1 的绿波结束：出发后 %2 到达（计划 %3），途中停车 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n signal(s) pre-empted and released</source>
        <translation>
            <numerusform>已优先控制并释放 %n 个信号</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Green wave for %1 over: it parked %2 m from where it was sent, %3 after setting off (planned %4), with %n stop(s) on the way</source>
        <translation>
            <numerusform>%1 的绿波结束：停在距派往地点 %2 米处，出发后 %3（计划 %4），途中停车 %n 次</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::OrderPanel</name>
    <message>
        <source>Order</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>By</source>
        <translation>发起人</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>Command orders</source>
        <translation>指令列表</translation>
    </message>
    <message>
        <source>A&amp;pprove</source>
        <translation>批准(&amp;P)</translation>
    </message>
    <message>
        <source>D&amp;eny…</source>
        <translation>拒绝(&amp;E)…</translation>
    </message>
    <message>
        <source>Ca&amp;ncel order</source>
        <translation>取消指令(&amp;N)</translation>
    </message>
    <message>
        <source>Res&amp;tore</source>
        <translation>恢复(&amp;T)</translation>
    </message>
    <message>
        <source>Undo what the order changed: put its devices back as they were</source>
        <translation>撤销指令所做的更改：将设备恢复原状</translation>
    </message>
    <message>
        <source>Denied: %1</source>
        <translation>已拒绝：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) waiting for a supervisor&apos;s approval</source>
        <translation>
            <numerusform>%n 条指令待主管批准</numerusform>
        </translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>指令 %1</translation>
    </message>
    <message>
        <source>Deny order %1</source>
        <translation>拒绝指令 %1</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>全部结果</translation>
    </message>
    <message>
        <source>Show targets with this result</source>
        <translation>显示此结果的目标</translation>
    </message>
    <message>
        <source>Device or street contains…</source>
        <translation>设备或街道包含…</translation>
    </message>
    <message>
        <source>Pick &amp;failed on map</source>
        <translation>在地图上选中失败项(&amp;F)</translation>
    </message>
    <message>
        <source>Put the failed targets on the map as the picked devices (Ctrl+K commands them)</source>
        <translation>将失败的目标设为地图上的选中设备（Ctrl+K 下令）</translation>
    </message>
    <message>
        <source>Retr&amp;y failed…</source>
        <translation>重试失败项(&amp;Y)…</translation>
    </message>
    <message>
        <source>Open the command dialog with the failed targets and the same commands</source>
        <translation>以失败的目标和相同指令打开指令对话框</translation>
    </message>
    <message>
        <source>Targets of the order</source>
        <translation>指令的目标</translation>
    </message>
    <message>
        <source>No order selected</source>
        <translation>未选择指令</translation>
    </message>
    <message numerus="yes">
        <source>Order %1: %n target(s)</source>
        <translation>
            <numerusform>指令 %1：%n 个目标</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an order in the list first.</source>
        <translation>请先在列表中选择一个指令。</translation>
    </message>
    <message>
        <source>No target of this order has failed.</source>
        <translation>此指令没有失败的目标。</translation>
    </message>
    <message>
        <source>This order is not waiting for approval.</source>
        <translation>此指令不在等待批准。</translation>
    </message>
    <message>
        <source>You requested this order: a second person must approve it.</source>
        <translation>此指令由您提出：必须由另一人批准。</translation>
    </message>
    <message>
        <source>Approve the order: its devices are reserved and the commands go out</source>
        <translation>批准指令：预留其设备并发出命令</translation>
    </message>
    <message>
        <source>Refuse the order, with a reason</source>
        <translation>附理由拒绝该指令</translation>
    </message>
    <message>
        <source>This order has finished.</source>
        <translation>此指令已结束。</translation>
    </message>
    <message>
        <source>Only %1, who requested it, or a supervisor may cancel this order.</source>
        <translation>只有提出者 %1 或主管可以取消此指令。</translation>
    </message>
    <message>
        <source>Stop everything of the order not yet sent</source>
        <translation>停止该指令中尚未发送的全部命令</translation>
    </message>
    <message>
        <source>Nothing of this order was carried out, so there is nothing to undo.</source>
        <translation>此指令未执行任何内容，无可撤销。</translation>
    </message>
    <message>
        <source>This order was requested at console %1: it is approved or refused there.</source>
        <translation>此指令由控制台 %1 发起：须在该控制台批准或拒绝。</translation>
    </message>
    <message>
        <source>This order was requested at console %1: it is cancelled there.</source>
        <translation>此指令由控制台 %1 发起：须在该控制台取消。</translation>
    </message>
    <message>
        <source>Past its expiry: %1 has not ended it; its devices are free</source>
        <translation>已过期：%1 尚未结束它；其设备已释放</translation>
    </message>
    <message>
        <source>Re&amp;lease here…</source>
        <translation>在此释放(&amp;L)…</translation>
    </message>
    <message>
        <source>Only another console&apos;s order is released here; this console&apos;s own is cancelled.</source>
        <translation>只能在此释放其他控制台的指令；本控制台自己的指令请取消。</translation>
    </message>
    <message>
        <source>Already released here by %1.</source>
        <translation>%1 已在此释放。</translation>
    </message>
    <message>
        <source>This order holds no device here.</source>
        <translation>此指令在此未占用任何设备。</translation>
    </message>
    <message>
        <source>Release order %1 here</source>
        <translation>在此释放指令 %1</translation>
    </message>
    <message>
        <source>This console does not hear the broker now: whether %1 is still gone is not known.</source>
        <translation>本控制台当前未连接到代理: 无法确定 %1 是否仍然不在。</translation>
    </message>
    <message>
        <source>%1: its devices stay held here until the order expires or a supervisor releases them</source>
        <translation>%1: 其设备在此保持占用，直到指令过期或主管释放</translation>
    </message>
    <message>
        <source>Console %1 is on the broker (or not known to be gone or out of the keyring): it still works this order.</source>
        <translation>控制台 %1 仍在代理上(未知其已不在或已移出密钥环): 它仍在处理此指令。</translation>
    </message>
    <message>
        <source>Free the devices this order holds here for a console that cannot end it, with a reason (recorded)</source>
        <translation>为无法结束此指令的控制台释放此指令在此占用的设备，需填写理由(将被记录)</translation>
    </message>
    <message numerus="yes">
        <source>%1 and cannot end order %2. Releasing it lets this console order its %n device(s); commands it already sent may still act until %3. If %4 comes back, its order holds them again.

Reason (recorded):</source>
        <translation>
            <numerusform>%1，无法结束指令 %2。释放后，本控制台可以对其 %n 台设备下达指令；它已发送的命令在 %3 之前仍可能执行。如果 %4 回来，其指令将再次占用这些设备。

理由(将被记录):</numerusform>
        </translation>
    </message>
    <message>
        <source>Released here by %1 while %2: %3</source>
        <translation>%1 在此释放(%2): %3</translation>
    </message>
    <message>
        <source> — its devices are held for it again while this console does not hear the broker</source>
        <translation> — 本控制台未连接到代理期间，其设备重新为其保留</translation>
    </message>
</context>
<context>
    <name>cityops::OrderTargetModel</name>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>尝试</translation>
    </message>
</context>
<context>
    <name>cityops::PasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>更改我的密码</translation>
    </message>
    <message>
        <source>Your current password, then the new one twice (at least %1 characters; your directory may ask for more).</source>
        <translation>请输入当前密码，然后输入两次新密码（至少 %1 个字符；目录可能有更多要求）。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>Type your name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>The two new passwords differ: type the new one twice again.</source>
        <translation>两次输入的新密码不一致：请重新输入两次。</translation>
    </message>
    <message>
        <source>Asking the directory…</source>
        <translation>正在询问目录…</translation>
    </message>
</context>
<context>
    <name>cityops::PeopleDialog</name>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>The people of this console&apos;s user directory, as a sign-in would find them now.</source>
        <translation>本控制台用户目录中的人员（按此刻登录时的状态）。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Districts</source>
        <translation>辖区</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Reset password for one use…</source>
        <translation>重置为一次性密码(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n failed sign-in(s)</source>
        <comment>in a row</comment>
        <translation>
            <numerusform>登录失败 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>to set their own password</source>
        <translation>须由本人设置密码</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>The user directory cannot be read: %1</source>
        <translation>无法读取用户目录：%1</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <source>Your own account: change your password with Session ▸ Change my password.</source>
        <translation>这是您自己的账户：请通过“会话 ▸ 更改我的密码”更改密码。</translation>
    </message>
    <message>
        <source>Resetting a password, disabling and enabling need an administrator.</source>
        <translation>重置密码、停用和启用需要管理员。</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>未执行：%1</translation>
    </message>
    <message>
        <source>%1 is unlocked.</source>
        <translation>已解锁 %1。</translation>
    </message>
    <message>
        <source>%1 is disabled: nobody signs in as %1 until the account is enabled again.</source>
        <translation>已停用 %1：在账户重新启用之前，任何人都不能以 %1 身份登录。</translation>
    </message>
    <message>
        <source>%1 is enabled again.</source>
        <translation>已重新启用 %1。</translation>
    </message>
    <message>
        <source>Resetting %1&apos;s password</source>
        <translation>重置 %1 的密码</translation>
    </message>
    <message>
        <source>The record names you as having set %1&apos;s password: %2, enter your password again.</source>
        <translation>记录将显示是您设置了 %1 的密码：%2，请再次输入您的密码。</translation>
    </message>
    <message>
        <source>%1&apos;s password is reset for one use.</source>
        <translation>已将 %1 的密码重置为一次性密码。</translation>
    </message>
    <message>
        <source>Their approval key stays sealed with the old password: make them a new one (cityops-admin approver remove, then add) before they approve anything.</source>
        <translation>其审批密钥仍以旧密码封存：在其审批任何操作之前，请为其制作新密钥（cityops-admin approver remove，然后 add）。</translation>
    </message>
    <message>
        <source>password for one use expired</source>
        <translation>一次性密码已过期</translation>
    </message>
    <message>
        <source>to set their own password by %1</source>
        <translation>须在 %1 前由本人设置密码</translation>
    </message>
    <message>
        <source>&lt;p&gt;Temporary password for %1:&lt;/p&gt;&lt;p style=&quot;font-family: monospace; font-size: 20pt&quot;&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Give it to %1 in person. It signs nobody in: on the sign-in card it lets %1 set their own password, then sign in with it — within %3 hours. It is not shown again.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1 的临时密码：&lt;/p&gt;&lt;p style=&quot;font-family: monospace; font-size: 20pt&quot;&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/p&gt;&lt;p&gt;请当面交给 %1。它不能用于登录：%1 须在 %3 小时内在登录卡片上用它设置自己的密码，然后用新密码登录。此密码不会再次显示。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Nobody&apos;s sign-in has failed at this machine&apos;s consoles lately. The people and their roles are the city directory&apos;s: disable an account or reset a password there.</source>
        <translation>最近没有人在本机的控制台上登录失败。人员及其角色属于城市目录：请在那里停用账户或重置密码。</translation>
    </message>
    <message>
        <source>The people whose sign-ins failed at this machine&apos;s consoles, as a sign-in here would find them now. Their accounts are the city directory&apos;s: disable one or reset a password there.</source>
        <translation>在本机控制台上登录失败的人员（即此刻在此登录时的状态）。他们的账户属于城市目录：请在那里停用账户或重置密码。</translation>
    </message>
    <message>
        <source>What the directory grants them cannot be read now: %1</source>
        <translation>目前无法读取目录授予他们的权限：%1</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>未读取</translation>
    </message>
    <message>
        <source>none at this console</source>
        <translation>在此控制台无角色</translation>
    </message>
    <message>
        <source>not in the directory</source>
        <translation>不在目录中</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>读取中…</translation>
    </message>
</context>
<context>
    <name>cityops::RecordCheckRunner</name>
    <message>
        <source>The record could not be checked: %1.</source>
        <translation>无法校验记录: %1。</translation>
    </message>
    <message>
        <source>(their signatures not checked: no key)</source>
        <translation>(无密钥: 未校验签名)</translation>
    </message>
    <message>
        <source>signed with this console&apos;s key</source>
        <translation>已用本控制台的密钥签名</translation>
    </message>
    <message>
        <source>The record is intact: %L1 events chained, %L2 checkpoints %3; %4.</source>
        <translation>记录完好: %L1 个事件已成链, %L2 个检查点%3; %4。</translation>
    </message>
    <message>
        <source>The record is intact as far as it can tell: %1; %2.</source>
        <translation>就可校验的范围而言记录完好: %1; %2。</translation>
    </message>
    <message>
        <source>The record is NOT intact: %1. Keep the file as it is and check it with cityops-export verify.</source>
        <translation>记录已不完好: %1。请保持文件原样, 并用 cityops-export verify 校验。</translation>
    </message>
    <message>
        <source>The check of the record was stopped at %1 %, before its verdict.</source>
        <translation>记录检查在得出结论前于 %1 % 处停止。</translation>
    </message>
    <message>
        <source>The record&apos;s events are intact (%1), but its snapshots could not be checked: %2.</source>
        <translation>记录的事件完好（%1），但其快照无法检查：%2。</translation>
    </message>
</context>
<context>
    <name>cityops::ReleaseBeforeClose</name>
    <message>
        <source>Close CityOps</source>
        <translation>关闭 CityOps</translation>
    </message>
    <message>
        <source>Releasing the signals the green waves held</source>
        <translation>正在释放绿波占用的信号</translation>
    </message>
    <message>
        <source>Close &amp;now</source>
        <translation>立即关闭(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Keep running</source>
        <translation>继续运行(&amp;K)</translation>
    </message>
    <message>
        <source>The releases are being asked for.</source>
        <translation>正在请求释放。</translation>
    </message>
    <message>
        <source>The console closes once the field reports every junction the green waves held back on its program. %1 Close now to leave them to their controllers (released within 3 min).</source>
        <translation>现场报告绿波占用的所有路口都恢复原有配时方案后，控制台才会关闭。%1 立即关闭则交由各信号机处理（3 分钟内释放）。</translation>
    </message>
    <message numerus="yes">
        <source>%n signal(s) still pre-empted: %1.</source>
        <translation>
            <numerusform>仍有 %n 个信号处于优先控制：%1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::ReplayBar</name>
    <message>
        <source>Operator actions around the replay time</source>
        <translation>回放时刻前后的操作员操作</translation>
    </message>
    <message>
        <source>◀◀ Incident</source>
        <translation>◀◀ 事件</translation>
    </message>
    <message>
        <source>Previous incident (Page Up)</source>
        <translation>上一个事件 (Page Up)</translation>
    </message>
    <message>
        <source>−1 min</source>
        <translation>−1 分钟</translation>
    </message>
    <message>
        <source>Back one minute (Shift+Left)</source>
        <translation>后退一分钟 (Shift+←)</translation>
    </message>
    <message>
        <source>−10 s</source>
        <translation>−10 秒</translation>
    </message>
    <message>
        <source>Back ten seconds (Left)</source>
        <translation>后退十秒 (←)</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停 (Space)</translation>
    </message>
    <message>
        <source>+10 s</source>
        <translation>+10 秒</translation>
    </message>
    <message>
        <source>Forward ten seconds (Right)</source>
        <translation>前进十秒 (→)</translation>
    </message>
    <message>
        <source>+1 min</source>
        <translation>+1 分钟</translation>
    </message>
    <message>
        <source>Forward one minute (Shift+Right)</source>
        <translation>前进一分钟 (Shift+→)</translation>
    </message>
    <message>
        <source>Incident ▶▶</source>
        <translation>事件 ▶▶</translation>
    </message>
    <message>
        <source>Next incident (Page Down)</source>
        <translation>下一个事件 (Page Down)</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>Go to:</source>
        <translation>跳转：</translation>
    </message>
    <message>
        <source>Return to live</source>
        <translation>返回实时</translation>
    </message>
    <message>
        <source>Leave replay (Ctrl+L)</source>
        <translation>退出回放 (Ctrl+L)</translation>
    </message>
    <message>
        <source>REPLAY — %1 — %2</source>
        <translation>回放 — %1 — %2</translation>
    </message>
    <message>
        <source>playing %1</source>
        <translation>播放中 %1</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>No operator actions within 30 minutes</source>
        <translation>前后 30 分钟内没有操作员操作</translation>
    </message>
    <message>
        <source>15:30 or 2026-11-22 15:30</source>
        <translation>15:30 或 2026-11-22 15:30</translation>
    </message>
    <message>
        <source>Type a time (city time) and press Enter to go there: 15:30, 15:30:20, or with a date</source>
        <translation>输入时间（城市时间）并按回车跳转：15:30、15:30:20，或带日期</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time: type 15:30, 15:30:20 or 2026-11-22 15:30</source>
        <translation>“%1”不是时间：请输入 15:30、15:30:20 或 2026-11-22 15:30</translation>
    </message>
    <message>
        <source>Who did what (within 30 min)</source>
        <translation>谁做了什么（前后30分钟）</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy  HH:mm:ss</source>
        <comment>date format: each language its own order</comment>
        <translation>yyyy年M月d日 ddd  HH:mm:ss</translation>
    </message>
</context>
<context>
    <name>cityops::StatusLine</name>
    <message>
        <source>%1 events/s</source>
        <translation>%1 事件/秒</translation>
    </message>
    <message>
        <source>%1 events dropped (queue full)</source>
        <translation>已丢弃 %1 个事件（队列已满）</translation>
    </message>
    <message>
        <source>NOT RECORDING: %1</source>
        <translation>未在记录：%1</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>记录中</translation>
    </message>
    <message>
        <source>Not recording</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>Not recording: %1</source>
        <translation>未记录：%1</translation>
    </message>
    <message>
        <source>ddd d MMM  HH:mm:ss </source>
        <comment>date format: each language its own order</comment>
        <translation>M月d日 ddd  HH:mm:ss </translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) not reporting</source>
        <translation>
            <numerusform>%n 台设备无响应</numerusform>
        </translation>
    </message>
    <message>
        <source>Link: %1 — %2</source>
        <translation>链路：%1 — %2</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) refused</source>
        <translation>
            <numerusform>已拒绝 %n 条消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) lost, fresh state asked</source>
        <translation>
            <numerusform>丢失 %n 条上报，已请求最新状态</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n send(s) failed</source>
        <translation>
            <numerusform>%n 次发送失败</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n command(s) waiting for the broker</source>
        <translation>
            <numerusform>%n 条指令等待代理恢复</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) of other consoles refused</source>
        <translation>
            <numerusform>已拒绝其他控制台的消息 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Refused: %1 malformed, %2 oversized, %3 unknown version, %4 unknown device, %5 wrong kind
Duplicates dropped: %6 · clock off (stamped on arrival): %7 · reconnections: %8
Commands sent: %9 · answers: %10 · answers to nothing sent or to a repeated copy: %11
Shared with other consoles: %12 · received from them: %13</source>
        <translation>已拒绝：格式错误 %1、超长 %2、未知版本 %3、未知设备 %4、类型不符 %5
已丢弃重复：%6 · 时钟偏差（按接收时间记录）：%7 · 重连：%8
已发送指令：%9 · 应答：%10 · 对未发送指令或重复副本的应答：%11
与其他控制台共享：%12 · 从其他控制台接收：%13</translation>
    </message>
    <message>
        <source>Gateways refused (not on --gateways, or more than the link keeps track of): %1</source>
        <translation>被拒绝的网关（不在 --gateways 中，或超出上限）：%1</translation>
    </message>
    <message>
        <source>Other consoles&apos; operations and statuses refused: %1 not signed by a console in the keyring · %2 copies or stale · %3 not allowed by this console&apos;s directory</source>
        <translation>已拒绝的其他控制台操作和状态：无密钥环中控制台签名 %1 · 重复或过期 %2 · 本控制台目录不允许 %3</translation>
    </message>
    <message>
        <source>Recording once the store is checked…</source>
        <translation>记录文件检查完毕后开始记录…</translation>
    </message>
    <message>
        <source>Console keyring not believed</source>
        <translation>控制台密钥环不可信</translation>
    </message>
    <message>
        <source>Console keyring: %1 — other consoles&apos; operations are refused until it is mended</source>
        <translation>控制台密钥环：%1 — 修复之前拒绝其他控制台的操作</translation>
    </message>
    <message numerus="yes">
        <source>%n gateway report(s) refused: not theirs</source>
        <translation>
            <numerusform>已拒绝网关报告 %n 条：不属于该网关</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n gateway(s) gone</source>
        <translation>
            <numerusform>%n 个网关已离线</numerusform>
        </translation>
    </message>
    <message>
        <source>Field gateways:</source>
        <translation>现场网关：</translation>
    </message>
    <message>
        <source>whole city</source>
        <translation>全市</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2) — running, %n device(s)</source>
        <translation>
            <numerusform>%1（%2）— 运行中，设备 %n 台</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2) — GONE, last heard %3</source>
        <translation>%1（%2）— 已离线，最后收到 %3</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2) — no status heard, %n device(s)</source>
        <translation>
            <numerusform>%1（%2）— 未收到状态，设备 %n 台</numerusform>
        </translation>
    </message>
    <message>
        <source>Gateways&apos; reports refused as not theirs (another gateway&apos;s device, incident or vehicle, or outside their districts): %1</source>
        <translation>因不属于该网关而拒绝的网关报告（其他网关的设备、事件或车辆，或其负责区域之外）：%1</translation>
    </message>
    <message>
        <source>Link: %1</source>
        <translation>链路：%1</translation>
    </message>
    <message>
        <source>Console %1 sent its last operations %2 behind this desk&apos;s clock</source>
        <translation>控制台 %1 最近的操作比本席位时钟慢 %2 发送</translation>
    </message>
    <message>
        <source>Console %1 sent its last operations %2 ahead of this desk&apos;s clock</source>
        <translation>控制台 %1 最近的操作比本席位时钟快 %2 发送</translation>
    </message>
    <message>
        <source>: they are refused here (operations count within %1 s of it), and the two desks do not share what they do until the clocks agree — set them (NTP)</source>
        <translation>：在此被拒绝（操作仅在 %1 秒内有效），时钟一致之前两个席位不共享操作 — 请校准时钟 (NTP)</translation>
    </message>
    <message numerus="yes">
        <source>operations of %n console(s) refused for this desk&apos;s clock</source>
        <translation>
            <numerusform>因本席时钟拒绝了 %n 个控制台的操作</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (+%n more)</source>
        <translation>
            <numerusform>（另 %n 个）</numerusform>
        </translation>
    </message>
    <message>
        <source>, holds %1: give it this console&apos;s (consoles.json, approvers.json)</source>
        <translation>，持有%1：请给它本控制台的（consoles.json、approvers.json）</translation>
    </message>
    <message>
        <source>Other consoles:</source>
        <translation>其他控制台：</translation>
    </message>
    <message>
        <source>%1 holds %2: give both desks the same (consoles.json, approvers.json)</source>
        <translation>%1 持有%2：请给两个席位相同的文件（consoles.json、approvers.json）</translation>
    </message>
    <message>
        <source>Recording · disk full in %1</source>
        <translation>记录中 · 磁盘将在 %1 后写满</translation>
    </message>
    <message>
        <source>Recording · %1 left on its disk</source>
        <translation>记录中 · 磁盘剩余 %1</translation>
    </message>
    <message>
        <source>The recording&apos;s disk has %1 left and fills by %2 an hour.</source>
        <translation>记录所在磁盘剩余 %1，每小时写入 %2。</translation>
    </message>
    <message>
        <source>The recording&apos;s disk has %1 left.</source>
        <translation>记录所在磁盘剩余 %1。</translation>
    </message>
    <message>
        <source>Make room on it, or keep fewer days (--retain-days): once it is full, nothing more is recorded.</source>
        <translation>请腾出空间，或减少保留天数（--retain-days）：磁盘写满后将不再记录。</translation>
    </message>
    <message numerus="yes">
        <source>Recording · %Ln event(s) lost</source>
        <translation>
            <numerusform>记录中 · 丢失 %Ln 个事件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) lost</source>
        <translation>
            <numerusform>丢失 %Ln 个事件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) since this console started could not be recorded (its disk full, or its recording too far behind): the record has a gap there, which a replay shows and the record&apos;s check names.</source>
        <translation>
            <numerusform>自本控制台启动以来，有 %Ln 个事件未能记录（磁盘已满，或记录落后太多）：记录在该处有缺口，回放会显示，记录检查会列出。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 not recording</source>
        <translation>%1 未在记录</translation>
    </message>
    <message>
        <source>%1 recording at risk</source>
        <translation>%1 记录有风险</translation>
    </message>
    <message>
        <source>%1 records nothing (%2): what is done there is not in the room&apos;s record until it is mended</source>
        <translation>%1 未记录任何内容（%2）：修复之前，该席位的操作不会进入本室的记录</translation>
    </message>
    <message>
        <source>its store did not say why</source>
        <translation>其存储未说明原因</translation>
    </message>
    <message>
        <source>%1&apos;s recording is at risk (its disk is low, or it lost events): see its status bar</source>
        <translation>%1 的记录有风险（磁盘空间不足或丢失了事件）：请查看该席位的状态栏</translation>
    </message>
</context>
<context>
    <name>cityops::TimelineWidget</name>
    <message>
        <source>Replay timeline</source>
        <translation>回放时间轴</translation>
    </message>
    <message>
        <source>d MMM HH:mm</source>
        <comment>date format: each language its own order</comment>
        <translation>M月d日 HH:mm</translation>
    </message>
</context>
<context>
    <name>cityops::VideoWall</name>
    <message>
        <source>CityOps wall</source>
        <translation>CityOps 大屏</translation>
    </message>
    <message>
        <source>NOT LIVE — REPLAY %1</source>
        <translation>非实时 — 回放 %1</translation>
    </message>
    <message>
        <source>panel %1,%2 does not show a map</source>
        <translation>面板 %1,%2 不显示地图</translation>
    </message>
    <message>
        <source>this wall has no map tile</source>
        <translation>此大屏没有地图图块</translation>
    </message>
    <message>
        <source>there is no open incident #%1</source>
        <translation>没有未结事件 #%1</translation>
    </message>
    <message>
        <source>INCIDENT #%1 · %2</source>
        <translation>事件 #%1 · %2</translation>
    </message>
    <message>
        <source>there is no device %1</source>
        <translation>没有设备 %1</translation>
    </message>
    <message>
        <source>there is no district %1</source>
        <translation>没有区域 %1</translation>
    </message>
    <message>
        <source>%1 on the wall for %2 s</source>
        <translation>%1 在大屏上显示 %2 秒</translation>
    </message>
    <message>
        <source>OPEN BEFORE %1 NOT SHOWN</source>
        <translation>%1 之前未结的未显示</translation>
    </message>
    <message numerus="yes">
        <source>%n RECORDED EVENT(S) UNREADABLE</source>
        <translation>
            <numerusform>%n 条记录事件无法读取</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::WallFeed</name>
    <message>
        <source>FIELD LINK %1</source>
        <translation>现场链路 %1</translation>
    </message>
    <message>
        <source>NO DATA YET</source>
        <translation>尚无数据</translation>
    </message>
    <message>
        <source>NO DATA FOR %1</source>
        <translation>已 %1 无数据</translation>
    </message>
    <message>
        <source>▲ CLOCK %1 BEHIND THE FIELD&apos;S</source>
        <translation>▲ 时钟比现场慢 %1</translation>
    </message>
    <message>
        <source>▲ CLOCK %1 AHEAD OF THE FIELD&apos;S</source>
        <translation>▲ 时钟比现场快 %1</translation>
    </message>
    <message>
        <source>▲ NOT RECORDING: %1</source>
        <translation>▲ 未在记录: %1</translation>
    </message>
    <message>
        <source>RECORDING DISK FULL IN %1</source>
        <translation>记录磁盘将在 %1 后写满</translation>
    </message>
    <message>
        <source>RECORDING DISK: %1 LEFT</source>
        <translation>记录磁盘剩余 %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln EVENT(S) NOT RECORDED</source>
        <translation>
            <numerusform>%Ln 个事件未记录</numerusform>
        </translation>
    </message>
    <message>
        <source>NOT RECORDING AT %1: %2</source>
        <translation>%1 未在记录：%2</translation>
    </message>
    <message>
        <source>NOT RECORDING AT %1</source>
        <translation>%1 未在记录</translation>
    </message>
    <message>
        <source>RECORDING AT RISK AT %1</source>
        <translation>%1 记录有风险</translation>
    </message>
</context>
<context>
    <name>cityops::WallMapTile</name>
    <message>
        <source>%1 · roads © OpenStreetMap</source>
        <translation>%1 · 道路 © OpenStreetMap</translation>
    </message>
    <message>
        <source>TRAFFIC NOT COUNTED</source>
        <translation>交通未计数</translation>
    </message>
    <message>
        <source>TRAFFIC NOT YET COUNTED</source>
        <translation>交通尚待计数</translation>
    </message>
</context>
</TS>
