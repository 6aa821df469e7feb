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
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
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
        <source>District</source>
        <translation>辖区</translation>
    </message>
    <message>
        <source>Open for</source>
        <translation>持续时间</translation>
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
        <translation>已到现场</translation>
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
        <source>Link: %1 — %2</source>
        <translation>链路：%1 — %2</translation>
    </message>
    <message>
        <source>%1 events/s</source>
        <translation>%1 事件/秒</translation>
    </message>
    <message>
        <source>%1 events dropped (queue full)</source>
        <translation>已丢弃 %1 个事件（队列已满）</translation>
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
    <message numerus="yes">
        <source>%n device(s) not reporting</source>
        <translation>
            <numerusform>%n 台设备无响应</numerusform>
        </translation>
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
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
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
        <source>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Arrow keys&lt;/b&gt;&lt;/td&gt;&lt;td&gt;pan the map&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;+ / −, PgUp / PgDn, wheel&lt;/b&gt;&lt;/td&gt;&lt;td&gt;zoom in / out&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Home, Ctrl+0&lt;/b&gt;&lt;/td&gt;&lt;td&gt;whole city&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;clear the selection&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+1 … Alt+6&lt;/b&gt;&lt;/td&gt;&lt;td&gt;show / hide map layers&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F6 / F7&lt;/b&gt;&lt;/td&gt;&lt;td&gt;focus the map / the incident list&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Enter&lt;/b&gt; (incident list)&lt;/td&gt;&lt;td&gt;fly to the incident&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;find a device, street or incident&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;show / hide the legend&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;export a time window&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+R / Ctrl+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;replay the recording / return to live&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space, ← →, PgUp / PgDn&lt;/b&gt; (replay)&lt;/td&gt;&lt;td&gt;play/pause, step 10 s, previous/next incident&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Q&lt;/b&gt;&lt;/td&gt;&lt;td&gt;quit&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;方向键&lt;/b&gt;&lt;/td&gt;&lt;td&gt;平移地图&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;+ / −、PgUp / PgDn、滚轮&lt;/b&gt;&lt;/td&gt;&lt;td&gt;放大 / 缩小&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Home、Ctrl+0&lt;/b&gt;&lt;/td&gt;&lt;td&gt;全市&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;取消选择&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+1 … Alt+6&lt;/b&gt;&lt;/td&gt;&lt;td&gt;显示 / 隐藏地图图层&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F6 / F7&lt;/b&gt;&lt;/td&gt;&lt;td&gt;聚焦地图 / 事件列表&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Enter&lt;/b&gt;（事件列表）&lt;/td&gt;&lt;td&gt;跳转到事件&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;查找设备、街道或事件&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;显示 / 隐藏图例&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;导出时间段&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+R / Ctrl+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;回放记录 / 返回实时&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space、← →、PgUp / PgDn&lt;/b&gt;（回放中）&lt;/td&gt;&lt;td&gt;播放/暂停、步进 10 秒、上/下一个事件&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Q&lt;/b&gt;&lt;/td&gt;&lt;td&gt;退出&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
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
        <source>Signal (current aspect)</source>
        <translation>信号（当前灯色）</translation>
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
        <source>Type a time and press Enter to go there</source>
        <translation>输入时间并按 Enter 跳转</translation>
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
</context>
<context>
    <name>cityops::TimelineWidget</name>
    <message>
        <source>Replay timeline</source>
        <translation>回放时间轴</translation>
    </message>
</context>
</TS>
