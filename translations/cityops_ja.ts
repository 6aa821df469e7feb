<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>QObject</name>
    <message>
        <source>CityOps cannot start</source>
        <translation>CityOps を起動できません</translation>
    </message>
    <message>
        <source>Cannot open the city: %1</source>
        <translation>都市を開けません: %1</translation>
    </message>
    <message>
        <source>Cannot open the event store: %1</source>
        <translation>イベントストアを開けません: %1</translation>
    </message>
    <message>
        <source>Cannot replay: %1</source>
        <translation>リプレイできません: %1</translation>
    </message>
    <message>
        <source>Cannot use the background tiles: %1</source>
        <translation>背景タイルを使用できません: %1</translation>
    </message>
    <message>
        <source>Cannot use the command key: %1</source>
        <translation>指令署名鍵を使用できません: %1</translation>
    </message>
    <message>
        <source>CityOps — first account</source>
        <translation>CityOps — 最初のアカウント</translation>
    </message>
    <message>
        <source>Nobody can sign in yet. Create the first account: an administrator, who can then add the others (cityops-admin user add).</source>
        <translation>まだ誰もサインインできません。最初のアカウント（管理者）を作成してください。管理者はほかの人を追加できます（cityops-admin user add）。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>もう一度</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>二つのパスワードが一致しません。</translation>
    </message>
    <message>
        <source>Cannot use the user directory: %1</source>
        <translation>ユーザーディレクトリを使用できません: %1</translation>
    </message>
    <message>
        <source>Nobody can sign in until a first account exists (or create one with cityops-admin).</source>
        <translation>最初のアカウントができるまで誰もサインインできません（cityops-admin でも作成できます）。</translation>
    </message>
    <message>
        <source>Cannot sign in as %1: %2</source>
        <translation>%1 としてサインインできません: %2</translation>
    </message>
    <message>
        <source>the store is read-only</source>
        <translation>ストアは読み取り専用です</translation>
    </message>
    <message>
        <source>the store is damaged</source>
        <translation>ストアが破損しています</translation>
    </message>
    <message>
        <source>Cannot sign the record: %1</source>
        <translation>記録に署名できません: %1</translation>
    </message>
    <message>
        <source>Cannot use the LDAP directory: %1</source>
        <translation>LDAP ディレクトリを使用できません: %1</translation>
    </message>
    <message>
        <source>Cannot use the console keyring: %1</source>
        <translation>コンソールの鍵束を使えません: %1</translation>
    </message>
    <message>
        <source>Cannot use the wall layout: %1</source>
        <translation>ウォールのレイアウトを使えません: %1</translation>
    </message>
    <message>
        <source>--traffic sumo needs SUMO, which is not installed: install the Debian package sumo</source>
        <translation>--traffic sumo には SUMO が必要ですが、インストールされていません: Debian パッケージ sumo をインストールしてください</translation>
    </message>
    <message>
        <source>--traffic sumo: this build has no SUMO client (install the Debian package sumo and build again)</source>
        <translation>--traffic sumo: このビルドには SUMO クライアントがありません (Debian パッケージ sumo をインストールしてビルドし直してください)</translation>
    </message>
    <message>
        <source>another console is recording into it</source>
        <translation>別のコンソールが記録中です</translation>
    </message>
    <message>
        <source>Cannot use --gateways %1: %2</source>
        <translation>--gateways %1 を使えません: %2</translation>
    </message>
    <message>
        <source>What administrators change in the accounts or keyrings cannot be recorded for now: %1</source>
        <translation>管理者によるアカウントまたはキーリングの変更を現在記録できません: %1</translation>
    </message>
    <message>
        <source>A keyring was changed outside cityops-admin, by someone the record cannot name: %1. Check who could write it.</source>
        <translation>キーリングが cityops-admin 以外で変更されました（記録上、変更者は不明）: %1。書き込める人を確認してください。</translation>
    </message>
</context>
<context>
    <name>cityops::AccessControl</name>
    <message>
        <source>No user directory could be opened, so nobody can sign in; the console is read-only.</source>
        <translation>ユーザーディレクトリを開けないため、誰もサインインできません。コンソールは読み取り専用です。</translation>
    </message>
    <message>
        <source>No user directory could be opened, so nobody can sign in.</source>
        <translation>ユーザーディレクトリを開けないため、誰もサインインできません。</translation>
    </message>
    <message>
        <source>%1 has handed over the shift: sign in to take over.</source>
        <translation>%1 がシフトを引き継ぎました。サインインして引き継いでください。</translation>
    </message>
    <message numerus="yes">
        <source>no input for %n minute(s)</source>
        <translation>
            <numerusform>%n 分間入力なし</numerusform>
        </translation>
    </message>
    <message>
        <source>The console is locked: %1 must unlock it (or a supervisor take over).</source>
        <translation>コンソールはロックされています。%1 が解除するか、監督者が引き継ぐ必要があります。</translation>
    </message>
    <message>
        <source>The console is not locked.</source>
        <translation>コンソールはロックされていません。</translation>
    </message>
    <message>
        <source>Only %1 or a supervisor can unlock this console.</source>
        <translation>このコンソールを解除できるのは %1 または監督者だけです。</translation>
    </message>
    <message>
        <source>took over from %1</source>
        <translation>%1 から引き継ぎ</translation>
    </message>
    <message>
        <source>Nobody is signed in.</source>
        <translation>誰もサインインしていません。</translation>
    </message>
    <message>
        <source>%1 needs a second person, and the record must show it was you: %2, enter your password again.</source>
        <translation>%1 には二人目が必要で、記録にはあなたであることが残ります。%2 さん、パスワードをもう一度入力してください。</translation>
    </message>
    <message>
        <source>from %1: %2</source>
        <translation>%1 から: %2</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>確認中…</translation>
    </message>
    <message>
        <source>Nobody is signed in at this console.</source>
        <translation>このコンソールには誰もサインインしていません。</translation>
    </message>
    <message>
        <source>%1 is signed in here: the approval needs a second person, a supervisor.</source>
        <translation>%1 はここでサインイン中です。承認には二人目の監督者が必要です。</translation>
    </message>
    <message>
        <source>%1 may not approve commands: a supervisor must.</source>
        <translation>%1 は指令を承認できません。監督者が承認する必要があります。</translation>
    </message>
    <message>
        <source>Your account answers for %1, which this city does not have, so nothing here is yours to work. Ask an administrator to correct your districts.</source>
        <translation>あなたのアカウントの担当地区 %1 はこの都市にありません。ここで担当できるものはありません。管理者に担当地区の修正を依頼してください。</translation>
    </message>
    <message>
        <source>no district</source>
        <translation>地区なし</translation>
    </message>
    <message numerus="yes">
        <source>%n open incident(s)</source>
        <translation>
            <numerusform>未解決のインシデント %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unacknowledged alarm(s)</source>
        <translation>
            <numerusform>未確認のアラーム %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) running.</source>
        <translation>
            <numerusform>実行中の指令 %n 件。</numerusform>
        </translation>
    </message>
    <message>
        <source>The map behind stays live; nothing can be done until the console is unlocked.</source>
        <translation>背後の地図はライブのままです。解除するまで操作はできません。</translation>
    </message>
    <message>
        <source>No user directory could be opened, so no password can be set.</source>
        <translation>ユーザーディレクトリを開けないため、パスワードを設定できません。</translation>
    </message>
    <message>
        <source>Your password is set.</source>
        <translation>パスワードを設定しました。</translation>
    </message>
    <message>
        <source>Sign in with the new one.</source>
        <translation>新しいパスワードでサインインしてください。</translation>
    </message>
    <message>
        <source>Your approval key was not sealed with the new password: %1. Ask an administrator to make you a new one before you approve anything.</source>
        <translation>承認鍵は新しいパスワードで封印し直されませんでした: %1。何かを承認する前に、管理者に新しい鍵を作ってもらってください。</translation>
    </message>
    <message>
        <source>Your approval key does not open with the password you signed in with: it is sealed with an earlier one. Before you approve anything, move it to this password with Session ▸ Approval key… (you need the earlier password), or ask an administrator for a new key, which every gateway must then be given.</source>
        <translation>承認鍵はサインインしたパスワードでは開きません。以前のパスワードで封印されています。何かを承認する前に、セッション ▸ 承認鍵… でこのパスワードに移してください（以前のパスワードが必要です）。または管理者に新しい鍵を依頼してください（その場合はすべてのゲートウェイに渡す必要があります）。</translation>
    </message>
    <message>
        <source>Your approval key cannot be used: %1. Ask an administrator before you approve anything.</source>
        <translation>承認鍵を使用できません: %1。何かを承認する前に管理者に相談してください。</translation>
    </message>
    <message>
        <source>Your approval key opens with your password now.</source>
        <translation>承認鍵は現在のパスワードで開くようになりました。</translation>
    </message>
    <message>
        <source>Nobody who may approve is signed in at this console, or approvals are not signed here.</source>
        <translation>このコンソールには承認できる人がサインインしていないか、ここでは承認に署名しません。</translation>
    </message>
    <message>
        <source>Your approval key was not moved: %1. Nothing changed.</source>
        <translation>承認鍵は移されませんでした: %1。何も変更していません。</translation>
    </message>
    <message>
        <source>You have no approval key at this console: an administrator makes one (cityops-admin approver add %1).</source>
        <translation>このコンソールにはあなたの承認鍵がありません。管理者が作成します（cityops-admin approver add %1）。</translation>
    </message>
</context>
<context>
    <name>cityops::AccessOverlay</name>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Sign in to CityOps</source>
        <translation>CityOps にサインイン</translation>
    </message>
    <message>
        <source>The map behind is live and read-only until someone signs in.</source>
        <translation>背後の地図はライブで、誰かがサインインするまで読み取り専用です。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <source>Console locked — %1</source>
        <translation>コンソールはロック中 — %1</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>ロック解除</translation>
    </message>
    <message>
        <source>Wait %1 s</source>
        <translation>%1 秒お待ちください</translation>
    </message>
    <message>
        <source>Type your name.</source>
        <translation>名前を入力してください。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>確認中…</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>パスワードを変更…</translation>
    </message>
</context>
<context>
    <name>cityops::AlarmBoard</name>
    <message>
        <source>ALARMS</source>
        <translation>警報</translation>
    </message>
    <message>
        <source>▲ ALARM FLOOD</source>
        <translation>▲ 警報フラッド</translation>
    </message>
    <message>
        <source>%1%2 per 10 min — manageable: %3</source>
        <translation>%1%2 件 / 10 分 — 対応可能: %3</translation>
    </message>
</context>
<context>
    <name>cityops::AlarmPanel</name>
    <message>
        <source>Alarm list</source>
        <translation>警報一覧</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>確認(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Shelve</source>
        <translation>保留(&amp;S)</translation>
    </message>
    <message numerus="yes">
        <source>for %n minute(s)</source>
        <translation>
            <numerusform>%n 分間</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>for %n hour(s)</source>
        <translation>
            <numerusform>%n 時間</numerusform>
        </translation>
    </message>
    <message>
        <source>Unshelve</source>
        <translation>保留解除</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>保守中にする</translation>
    </message>
    <message>
        <source>Show &amp;hidden</source>
        <translation>非表示も表示(&amp;H)</translation>
    </message>
    <message>
        <source>Also list shelved, out-of-service and suppressed alarms</source>
        <translation>保留・保守中・抑制中の警報も表示する</translation>
    </message>
    <message numerus="yes">
        <source>ALARM FLOOD: %n new alarm(s) in 10 minutes. Alarms are grouped by cause and district.</source>
        <translation>
            <numerusform>警報フラッド: 10分間に新規警報 %n 件。原因と地区ごとにまとめて表示します。</numerusform>
        </translation>
    </message>
    <message>
        <source>Alarm rate: %1 in the last 10 min (manageable: %2)</source>
        <translation>警報レート: 直近10分で %1 件（対応可能: %2）</translation>
    </message>
    <message>
        <source>Shelved %1 · out of service %2 · suppressed by design %3</source>
        <translation>保留 %1 · 保守中 %2 · 設計抑制 %3</translation>
    </message>
    <message>
        <source>Return to service</source>
        <translation>運用に戻す</translation>
    </message>
    <message>
        <source>Alarms</source>
        <translation>警報</translation>
    </message>
    <message>
        <source>Raise &amp;incident</source>
        <translation>インシデント化(&amp;I)</translation>
    </message>
    <message>
        <source>Open an incident for the selected alarm&apos;s device, so responders can be dispatched</source>
        <translation>選択した警報の機器についてインシデントを開き、対応員を出動できるようにする</translation>
    </message>
    <message>
        <source>Select one or more alarms in the list first.</source>
        <translation>まず一覧で警報を選択してください。</translation>
    </message>
    <message>
        <source>Acknowledge the selected alarms</source>
        <translation>選択した警報を確認応答します</translation>
    </message>
    <message>
        <source>Hide the selected alarms for a while (they come back by themselves)</source>
        <translation>選択した警報を一時的に棚上げします（自動的に戻ります）</translation>
    </message>
    <message>
        <source>Take the selected alarms out of service for maintenance, or return them (supervisors)</source>
        <translation>選択した警報を保守のため休止、または復帰します（監督者）</translation>
    </message>
    <message>
        <source>Select an alarm in the list first.</source>
        <translation>まず一覧で警報を選択してください。</translation>
    </message>
    <message>
        <source>This alarm has no device to open an incident at.</source>
        <translation>この警報にはインシデントを開く機器がありません。</translation>
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
            <numerusform>（+%n 件の連鎖）</numerusform>
        </translation>
    </message>
    <message>
        <source>returned</source>
        <translation>復帰</translation>
    </message>
    <message>
        <source>active</source>
        <translation>発生中</translation>
    </message>
    <message>
        <source>%1 active</source>
        <translation>%1 件発生中</translation>
    </message>
    <message>
        <source>%1, unacknowledged</source>
        <translation>%1・未確認</translation>
    </message>
    <message>
        <source>%1, acknowledged</source>
        <translation>%1・確認済</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>優先度</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>警報</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>District</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>最終変化</translation>
    </message>
</context>
<context>
    <name>cityops::Annunciator</name>
    <message numerus="yes">
        <source>%n critical or major incident(s) not acknowledged</source>
        <translation>
            <numerusform>未確認の重大・重要インシデント %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n incident(s) past their deadline</source>
        <translation>
            <numerusform>期限を過ぎたインシデント %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n high-priority alarm(s) not acknowledged</source>
        <translation>
            <numerusform>未確認の高優先度アラーム %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) waiting for your approval</source>
        <translation>
            <numerusform>承認待ちの指令 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>(sound silenced)</source>
        <translation>（音は消音中）</translation>
    </message>
    <message>
        <source>— F10 silences the sound</source>
        <translation>— F10 で消音</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) of a console that is gone or out of the keyring hold devices here</source>
        <translation>
            <numerusform>不在または鍵束外のコンソールの指令 %n 件がここで機器を保持しています</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::ApprovalKeyDialog</name>
    <message>
        <source>Approval key</source>
        <translation>承認鍵</translation>
    </message>
    <message>
        <source>Your approval key signs what you approve, and opens with your password. When your password was changed where this console could not follow (the city directory&apos;s own tools, an expiry), the key still opens only with the earlier one: type it once, and your password now, and the same key opens with your password now. The gateways need nothing new.</source>
        <translation>承認鍵はあなたが承認したものに署名し、あなたのパスワードで開きます。このコンソールが追従できない場所でパスワードが変更された場合（都市ディレクトリ独自のツール、有効期限切れ）、鍵は以前のパスワードでしか開きません。以前のパスワードを一度と現在のパスワードを入力すると、同じ鍵が現在のパスワードで開くようになります。ゲートウェイ側の変更は不要です。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Earlier password</source>
        <translation>以前のパスワード</translation>
    </message>
    <message>
        <source>Your password now</source>
        <translation>現在のパスワード</translation>
    </message>
    <message>
        <source>Move the key</source>
        <translation>鍵を移す</translation>
    </message>
    <message>
        <source>Type both passwords: the earlier one opens the key, the one now seals it.</source>
        <translation>両方のパスワードを入力してください。以前のパスワードで鍵を開き、現在のパスワードで封印します。</translation>
    </message>
    <message>
        <source>Asking the directory…</source>
        <translation>ディレクトリに問い合わせ中…</translation>
    </message>
</context>
<context>
    <name>cityops::ClockTile</name>
    <message>
        <source>TIME</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>no field data yet</source>
        <translation>現場データはまだありません</translation>
    </message>
    <message>
        <source>newest data %1 old</source>
        <translation>最新データは %1 前</translation>
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
            <numerusform>実行中の指令 %n 件 — %1: まだ届いていない結果は追跡されません。コンソールを再起動すると、それらの対象はタイムアウトとして記録されます。機器を確認してください。</numerusform>
        </translation>
    </message>
    <message>
        <source>The green wave for %1 stops: no further signal is pre-empted for it.</source>
        <translation>%1 のグリーンウェーブは止まります: これ以上の信号は優先制御されません。</translation>
    </message>
    <message numerus="yes">
        <source>The %n signal(s) it holds are released by their controllers within 3 min — stop the wave first to release them now.</source>
        <translation>
            <numerusform>保持中の信号 %n 基は 3 分以内に制御機が自ら解放します — すぐに解放するには、先にウェーブを停止してください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The store is still being checked before anything is written: the console closes once the check is done and the %n event(s) waiting are recorded (minutes, on a store of months).</source>
        <translation>
            <numerusform>ストアは書き込み前の検査中です: 検査が終わり、待機中のイベント %n 件が記録されてからコンソールが閉じます（数か月分のストアでは数分）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) could not be recorded yet (%1): they are lost when the console closes.</source>
        <translation>
            <numerusform>イベント %n 件をまだ記録できていません（%1）: コンソールを閉じると失われます。</numerusform>
        </translation>
    </message>
    <message>
        <source>The export of %1 is not finished: closing stops it, and no files are written.</source>
        <translation>%1 のエクスポートは完了していません: 閉じると中止され、ファイルは書き込まれません。</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) waiting for approval — %1: they wait again when the console starts again.</source>
        <translation>
            <numerusform>承認待ちの指令 %n 件 — %1: コンソールを再起動すると再び承認待ちになります。</numerusform>
        </translation>
    </message>
    <message>
        <source>Close CityOps</source>
        <translation>CityOps を閉じる</translation>
    </message>
    <message>
        <source>Close CityOps on this desk?</source>
        <translation>この卓の CityOps を閉じますか?</translation>
    </message>
    <message>
        <source>This desk stops watching the city: its alarms will no longer sound here.</source>
        <translation>この卓は都市の監視をやめます: アラームはここでは鳴らなくなります。</translation>
    </message>
    <message>
        <source>This desk stops watching the city: its alarms will no longer sound here, and %1 is signed out.</source>
        <translation>この卓は都市の監視をやめます: アラームはここでは鳴らなくなり、%1 はサインアウトされます。</translation>
    </message>
    <message>
        <source>&amp;Close the console</source>
        <translation>コンソールを閉じる(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Keep running</source>
        <translation>動かし続ける(&amp;K)</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Stop the green wave(s), then close</source>
        <translation>
            <numerusform>緑の波を止めてから閉じる(&amp;S)</numerusform>
        </translation>
    </message>
    <message>
        <source>The green wave for %1 was stopped by %2, and its signals are still being released: closing leaves them to their controllers (released within 3 min).</source>
        <translation>%1 の緑の波は %2 が止めましたが、その信号はまだ解放中です。閉じるとそれらは各制御機に任されます（3 分以内に解放）。</translation>
    </message>
</context>
<context>
    <name>cityops::CommandDialog</name>
    <message>
        <source>Command devices</source>
        <translation>機器を制御</translation>
    </message>
    <message>
        <source>device ids, separated by commas</source>
        <translation>機器 ID（カンマ区切り）</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>The order expires after this long (approval included); devices never act on it later</source>
        <translation>この時間が過ぎると指令は失効します（承認待ちを含む）。機器はそれ以降実行しません</translation>
    </message>
    <message>
        <source>&amp;Targets:</source>
        <translation>対象(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>操作(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>値(&amp;V):</translation>
    </message>
    <message>
        <source>Valid &amp;for:</source>
        <translation>有効期間(&amp;F):</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>機器</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>現在</translation>
    </message>
    <message>
        <source>After</source>
        <translation>実行後</translation>
    </message>
    <message>
        <source>Preview of the changes</source>
        <translation>変更のプレビュー</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>送信(&amp;S)</translation>
    </message>
    <message>
        <source>What will change:</source>
        <translation>変更内容:</translation>
    </message>
    <message numerus="yes">
        <source>Unknown device(s): %1</source>
        <translation>
            <numerusform>不明な機器: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The targets are of different kinds; command one kind at a time.</source>
        <translation>対象の種類が混在しています。種類ごとに制御してください。</translation>
    </message>
    <message>
        <source>Nothing to command: choose devices and an action.</source>
        <translation>制御対象がありません。機器と操作を選んでください。</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>データなし</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>オフライン</translation>
    </message>
    <message>
        <source>%1, program %2, phase %3</source>
        <translation>%1、プログラム %2、現示 %3</translation>
    </message>
    <message>
        <source>off</source>
        <translation>消灯</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>breaker closed, %1 kW</source>
        <translation>遮断器 投入、%1 kW</translation>
    </message>
    <message>
        <source>breaker open</source>
        <translation>遮断器 開放</translation>
    </message>
    <message>
        <source> (step %1, from +%2)</source>
        <translation>（手順 %1、+%2 から）</translation>
    </message>
    <message numerus="yes">
        <source>%n target(s).</source>
        <translation>
            <numerusform>対象 %n 件。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in that state.</source>
        <translation>
            <numerusform>%n 件はすでにその状態です。</numerusform>
        </translation>
    </message>
    <message>
        <source>High risk: a supervisor must approve it before anything is sent. The devices are reserved once approved.</source>
        <translation>高リスク: 送信前に監督者の承認が必要です。承認後、機器は予約されます。</translation>
    </message>
    <message>
        <source>The devices are reserved for this order until each has its result.</source>
        <translation>各機器の結果が出るまで、機器はこの指令のために予約されます。</translation>
    </message>
    <message>
        <source>%1 may not command devices.</source>
        <translation>%1 は機器を制御できません。</translation>
    </message>
    <message numerus="yes">
        <source>%n picked device(s) of other kinds left out.</source>
        <translation>
            <numerusform>種類の異なる %n 台は除外しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>保持元</translation>
    </message>
    <message>
        <source>&amp;Leave held devices out</source>
        <translation>保持中の機器を除外(&amp;L)</translation>
    </message>
    <message>
        <source>Supervisor: reason for ordering the held devices anyway (recorded)</source>
        <translation>監督者: 保持中の機器をあえて指令する理由（記録されます）</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) held — nothing held is sent without a decision:</source>
        <translation>
            <numerusform>%n 台の機器が保持中 — 判断なしに送信されません:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(and %n more, see the list)</source>
        <translation>
            <numerusform>（ほか %n 件、一覧を参照）</numerusform>
        </translation>
    </message>
    <message>
        <source>Another order holds a device: leave the held devices out, or wait for that order.</source>
        <translation>別の指令が機器を保持しています: 保持中の機器を除外するか、その指令の完了を待ってください。</translation>
    </message>
    <message>
        <source>Leave them out, or give a reason to order them anyway.</source>
        <translation>除外するか、あえて指令する理由を入力してください。</translation>
    </message>
    <message>
        <source>Leave them out, or ask a supervisor to override.</source>
        <translation>除外するか、監督者に解除を依頼してください。</translation>
    </message>
    <message>
        <source>Held devices: leave them out, or a supervisor gives a reason.</source>
        <translation>保持中の機器: 除外するか、監督者が理由を入力してください。</translation>
    </message>
    <message>
        <source>Held devices: leave them out, or wait for the order that holds them.</source>
        <translation>保持中の機器: 除外するか、保持している指令の完了を待ってください。</translation>
    </message>
</context>
<context>
    <name>cityops::DetailsPanel</name>
    <message>
        <source>Nothing selected</source>
        <translation>未選択</translation>
    </message>
    <message>
        <source>Click a signal, feeder, streetlight or incident on the map, or pick an incident from the list.</source>
        <translation>地図上の信号・フィーダー・街路灯・インシデントをクリックするか、一覧からインシデントを選んでください。</translation>
    </message>
    <message>
        <source> (generated asset)</source>
        <translation>（生成された設備）</translation>
    </message>
    <message>
        <source>District</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Communication</source>
        <translation>通信</translation>
    </message>
    <message>
        <source>no report yet</source>
        <translation>未報告</translation>
    </message>
    <message>
        <source>LOST</source>
        <translation>断絶</translation>
    </message>
    <message>
        <source>online</source>
        <translation>オンライン</translation>
    </message>
    <message>
        <source>SUMO id</source>
        <translation>SUMO ID</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>モード</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>プログラム</translation>
    </message>
    <message>
        <source>%1 (%2, cycle %3 s)</source>
        <translation>%1（%2、周期 %3 秒）</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>現示</translation>
    </message>
    <message>
        <source>%1 of %2, %3 s</source>
        <translation>%2 中 %1、%3 秒</translation>
    </message>
    <message>
        <source>Aspect</source>
        <translation>灯色</translation>
    </message>
    <message>
        <source>Next switch in</source>
        <translation>次の切替まで</translation>
    </message>
    <message>
        <source>Controlled movements</source>
        <translation>制御対象の流れ</translation>
    </message>
    <message>
        <source>Lamp</source>
        <translation>ランプ</translation>
    </message>
    <message>
        <source>FAULT</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>off</source>
        <translation>消灯</translation>
    </message>
    <message>
        <source>on</source>
        <translation>点灯</translation>
    </message>
    <message>
        <source>dimmed to %1 %</source>
        <translation>%1 % に減光</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>電力</translation>
    </message>
    <message>
        <source>%1 W of %2 W</source>
        <translation>%1 W / %2 W</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>通り</translation>
    </message>
    <message>
        <source>Feeder</source>
        <translation>フィーダー</translation>
    </message>
    <message>
        <source>Substation</source>
        <translation>変電所</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>負荷</translation>
    </message>
    <message>
        <source>%1 kW (%2 % of capacity)</source>
        <translation>%1 kW（容量の %2 %）</translation>
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
        <translation>傾向（10 分）</translation>
    </message>
    <message>
        <source>%1 %2 kW</source>
        <translation>%1 %2 kW</translation>
    </message>
    <message>
        <source>Peak (1 h)</source>
        <translation>ピーク（1 時間）</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>優先度</translation>
    </message>
    <message>
        <source>%1 (1 = shed last)</source>
        <translation>%1（1 = 最後に遮断）</translation>
    </message>
    <message>
        <source>Feeders</source>
        <translation>フィーダー</translation>
    </message>
    <message>
        <source>%1 kW of %2 kW</source>
        <translation>%1 kW / %2 kW</translation>
    </message>
    <message>
        <source>Incident #%1</source>
        <translation>インシデント #%1</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>発生</translation>
    </message>
    <message>
        <source>%1 (%2 ago)</source>
        <translation>%1（%2 前）</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>解決済み</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>予約済み</translation>
    </message>
    <message>
        <source>by order %1 of %2</source>
        <translation>%2 の指令 %1 により</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>確認済み</translation>
    </message>
    <message>
        <source>by %1 at %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>エスカレーション</translation>
    </message>
    <message>
        <source>not acknowledged in time</source>
        <translation>期限内に確認されず</translation>
    </message>
    <message>
        <source>nobody on scene in time</source>
        <translation>期限内に誰も現着せず</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>機器</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>the field</source>
        <translation>現場</translation>
    </message>
    <message>
        <source>note by %1: %2</source>
        <translation>%1 のメモ: %2</translation>
    </message>
    <message>
        <source>green</source>
        <translation>青</translation>
    </message>
    <message>
        <source>green, yield</source>
        <translation>青（譲れ）</translation>
    </message>
    <message>
        <source>yellow</source>
        <translation>黄</translation>
    </message>
    <message>
        <source>red</source>
        <translation>赤</translation>
    </message>
    <message>
        <source>red-yellow</source>
        <translation>赤黄</translation>
    </message>
    <message>
        <source>stop, then go</source>
        <translation>一時停止後進行</translation>
    </message>
    <message>
        <source>straight</source>
        <translation>直進</translation>
    </message>
    <message>
        <source>left</source>
        <translation>左折</translation>
    </message>
    <message>
        <source>right</source>
        <translation>右折</translation>
    </message>
    <message>
        <source>U-turn</source>
        <translation>転回</translation>
    </message>
    <message>
        <source>half left</source>
        <translation>やや左</translation>
    </message>
    <message>
        <source>half right</source>
        <translation>やや右</translation>
    </message>
    <message>
        <source>From the north</source>
        <translation>北から</translation>
    </message>
    <message>
        <source>From the north-east</source>
        <translation>北東から</translation>
    </message>
    <message>
        <source>From the east</source>
        <translation>東から</translation>
    </message>
    <message>
        <source>From the south-east</source>
        <translation>南東から</translation>
    </message>
    <message>
        <source>From the south</source>
        <translation>南から</translation>
    </message>
    <message>
        <source>From the south-west</source>
        <translation>南西から</translation>
    </message>
    <message>
        <source>From the west</source>
        <translation>西から</translation>
    </message>
    <message>
        <source>From the north-west</source>
        <translation>北西から</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>SUMO state of this phase: %1</source>
        <translation>この現示の SUMO 状態: %1</translation>
    </message>
    <message>
        <source>Restore feeder %1…</source>
        <translation>フィーダー %1 を復旧…</translation>
    </message>
    <message>
        <source>Opens the order that closes the breaker of %1 again, for you to check and send; its signals come back in step with their programs.</source>
        <translation>%1 の遮断器を再投入する指令を開きます。確認して送信してください。信号はプログラムに同期して復帰します。</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>交通</translation>
    </message>
    <message>
        <source>measured %1 ago</source>
        <translation>%1 前に計測</translation>
    </message>
    <message>
        <source>◆ spills back, </source>
        <translation>◆ 延伸(上流交差点へ), </translation>
    </message>
    <message>
        <source>▲ long, </source>
        <translation>▲ 長い, </translation>
    </message>
    <message>
        <source>queue %1 m · %2 standing · %3 vehicles · %4 % occupied</source>
        <translation>渋滞長 %1 m · 停止 %2 台 · 車両 %3 台 · 占有率 %4 %</translation>
    </message>
    <message>
        <source>Queue: the longest lane&apos;s standing vehicles × 7.5 m. Long over %1 m, spilling back over %2 m.</source>
        <translation>渋滞長: 最も長い車線の停止車両数 × 7.5 m。%1 m を超えると長い、%2 m を超えると上流へ延伸。</translation>
    </message>
    <message>
        <source>Emergency vehicle</source>
        <translation>緊急車両</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>standing</source>
        <translation>停車中</translation>
    </message>
    <message>
        <source>on its way, %1 km/h</source>
        <translation>走行中、時速 %1 km</translation>
    </message>
    <message>
        <source>Route left</source>
        <translation>残りの経路</translation>
    </message>
    <message numerus="yes">
        <source>%1 km, %n signal(s) on it</source>
        <translation>
            <numerusform>%1 km、信号機 %n 基</numerusform>
        </translation>
    </message>
    <message>
        <source> — pre-empted</source>
        <translation> — 優先制御中</translation>
    </message>
    <message>
        <source>Next signal</source>
        <translation>次の信号機</translation>
    </message>
    <message numerus="yes">
        <source>%1 in %2 m, %n vehicle(s) queued before it</source>
        <translation>
            <numerusform>%1 まで %2 m、手前の待ち車両 %n 台</numerusform>
        </translation>
    </message>
    <message>
        <source>Last report</source>
        <translation>最終報告</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>%1 前</translation>
    </message>
    <message>
        <source>Follow on the map</source>
        <translation>地図で追従</translation>
    </message>
    <message>
        <source>Keeps the vehicle in the middle of the map as it drives; moving the map yourself stops it.</source>
        <translation>走行中の車両を地図の中央に保ちます。自分で地図を動かすと追従は止まります。</translation>
    </message>
    <message>
        <source>Following on the map — click to stop</source>
        <translation>地図で追従中 — クリックで停止</translation>
    </message>
    <message>
        <source>standing for %1</source>
        <translation>停車中（%1）</translation>
    </message>
    <message>
        <source>on its way for %1, %2 km/h</source>
        <translation>走行中（%1）、時速 %2 km</translation>
    </message>
    <message>
        <source>Holding</source>
        <translation>保持中</translation>
    </message>
    <message>
        <source>phase %1 of %2</source>
        <translation>フェーズ %1 / %2</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>保持元</translation>
    </message>
    <message>
        <source>, approved by %1</source>
        <translation>、承認者 %1</translation>
    </message>
    <message>
        <source>order %1%2 of %3%4, for %5</source>
        <translation>%3 の指令 %1%2%4、%5 継続中</translation>
    </message>
    <message>
        <source>Restore %1 to its program…</source>
        <translation>%1 をプログラム運転に戻す…</translation>
    </message>
    <message>
        <source>Opens the order that returns %1 to its signal program, for you to check and send.</source>
        <translation>%1 を信号プログラムに戻す指令を開きます。確認して送信してください。</translation>
    </message>
    <message>
        <source>Keys: F6 the map · F7 incidents · F8 alarms · F9 commands · Ctrl+F find · F1 every key</source>
        <translation>キー：F6 地図 · F7 インシデント · F8 アラーム · F9 指令 · Ctrl+F 検索 · F1 すべてのキー</translation>
    </message>
    <message>
        <source>acknowledge by %1</source>
        <translation>%1 までに確認</translation>
    </message>
    <message>
        <source>on scene by %1</source>
        <translation>%1 までに現場到着</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Alarm if held over</source>
        <translation>保持がこれを超えると警報</translation>
    </message>
    <message>
        <source>%1 — %2: a supervisor may release the order (Commands panel)</source>
        <translation>%1 — %2: 監督者が指令を解放できます(指令パネル)</translation>
    </message>
    <message>
        <source>%1 — released here, held for it again while this console does not hear the broker</source>
        <translation>%1 — ここで解放済み、このコンソールがブローカーに接続していない間は再び保持</translation>
    </message>
    <message>
        <source>Reports through</source>
        <translation>報告経路</translation>
    </message>
    <message>
        <source>gateway %1</source>
        <translation>ゲートウェイ %1</translation>
    </message>
    <message>
        <source>gateway %1 — GONE, last heard %2</source>
        <translation>ゲートウェイ %1 — 停止、最終受信 %2</translation>
    </message>
    <message>
        <source>gateway %1 — GONE</source>
        <translation>ゲートウェイ %1 — 停止</translation>
    </message>
    <message>
        <source>gateway %1 — %2</source>
        <translation>ゲートウェイ %1 — %2</translation>
    </message>
    <message>
        <source>gateway %1 — %2: set it (NTP)</source>
        <translation>ゲートウェイ %1 — %2: この卓の時計を合わせてください (NTP)</translation>
    </message>
    <message>
        <source>gateway %1 — holds %2</source>
        <translation>ゲートウェイ %1 — %2を持っています</translation>
    </message>
</context>
<context>
    <name>cityops::EnergyBoard</name>
    <message>
        <source>ENERGY</source>
        <translation>電力</translation>
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
        <translation>まだどのフィーダーも報告していません</translation>
    </message>
</context>
<context>
    <name>cityops::EnergyPanel</name>
    <message>
        <source>City load (MW)</source>
        <translation>都市負荷 (MW)</translation>
    </message>
    <message>
        <source>Busiest feeders (% of rating)</source>
        <translation>高負荷フィーダー（定格比 %）</translation>
    </message>
    <message>
        <source>Energy: waiting for feeder telemetry</source>
        <translation>エネルギー: フィーダーの計測値を待機中</translation>
    </message>
    <message>
        <source>City load %1 MW of %2 MW rated</source>
        <translation>都市負荷 %1 MW（定格 %2 MW）</translation>
    </message>
</context>
<context>
    <name>cityops::ExportDialog</name>
    <message>
        <source>Export a time window</source>
        <translation>時間帯のエクスポート</translation>
    </message>
    <message>
        <source>From (city time):</source>
        <translation>開始（都市の時刻）:</translation>
    </message>
    <message>
        <source>To (city time):</source>
        <translation>終了（都市の時刻）:</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>エクスポート先フォルダー</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>フォルダー:</translation>
    </message>
    <message>
        <source>Events as JSON Lines (.jsonl)</source>
        <translation>イベント（JSON Lines, .jsonl）</translation>
    </message>
    <message>
        <source>Events as CSV (.csv)</source>
        <translation>イベント（CSV, .csv）</translation>
    </message>
    <message>
        <source>Incidents as GeoJSON (.geojson)</source>
        <translation>インシデント（GeoJSON, .geojson）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>エクスポート</translation>
    </message>
    <message>
        <source>The events with their chain, for others to check (.jsonl)</source>
        <translation>イベントとそのチェーン（第三者の検証用、.jsonl）</translation>
    </message>
    <message>
        <source>Checked with the console&apos;s public key alone: cityops-export verify --export FILE --key KEY.pem</source>
        <translation>コンソールの公開鍵だけで検証できます: cityops-export verify --export FILE --key KEY.pem</translation>
    </message>
</context>
<context>
    <name>cityops::GreenWaveDialog</name>
    <message>
        <source>&amp;Plan the route</source>
        <translation>経路を計画(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Send with green wave</source>
        <translation>青信号連携で出動(&amp;S)</translation>
    </message>
    <message>
        <source>Send an emergency vehicle with a green wave</source>
        <translation>緊急車両を青信号連携で出動</translation>
    </message>
    <message>
        <source>&amp;Vehicle:</source>
        <translation>車両(&amp;V):</translation>
    </message>
    <message>
        <source>Destination:</source>
        <translation>目的地:</translation>
    </message>
    <message>
        <source>a supervisor at this console, not you</source>
        <translation>このコンソールにいる監督者（あなた以外）</translation>
    </message>
    <message>
        <source>Every pre-emption of the wave is a high-risk order. A supervisor approves them all now, once:</source>
        <translation>連携の各優先制御は高リスク指令です。監督者がここで一度にすべて承認します:</translation>
    </message>
    <message>
        <source>Supe&amp;rvisor:</source>
        <translation>監督者(&amp;R):</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>パスワード(&amp;W):</translation>
    </message>
    <message>
        <source>%1 — %2, %3 km away</source>
        <translation>%1 — %2、%3 km 先</translation>
    </message>
    <message>
        <source>standing</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>on its way</source>
        <translation>走行中</translation>
    </message>
    <message>
        <source>Asking the router for %1&apos;s way…</source>
        <translation>%1 の経路を問い合わせ中…</translation>
    </message>
    <message>
        <source>No route: %1</source>
        <translation>経路なし: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 km, about %2 at today&apos;s speeds, %n signal(s) on the way — drawn dashed on the map.</source>
        <translation>
            <numerusform>%1 km、現在の速度で約 %2、途中の信号 %n 基 — 地図に破線で表示。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 m — %2</source>
        <translation>%1 m — %2</translation>
    </message>
    <message>
        <source>Checking the supervisor…</source>
        <translation>監督者を確認中…</translation>
    </message>
    <message>
        <source>Sending %1…</source>
        <translation>%1 を出動中…</translation>
    </message>
    <message>
        <source>%1 was not sent: %2</source>
        <translation>%1 は出動できませんでした: %2</translation>
    </message>
    <message>
        <source>No emergency vehicle reports its position: the fleet&apos;s location feed is silent (vehicles are tracked in co-simulation: cityops --traffic sumo, or a gateway started with cityops-sim --traffic sumo).</source>
        <translation>位置を報告している緊急車両がありません。車両位置フィードが沈黙しています（車両は連成シミュレーションで追跡されます：cityops --traffic sumo、または cityops-sim --traffic sumo で起動したゲートウェイ）。</translation>
    </message>
    <message>
        <source>%1 was not sent: the signals need %2&apos;s approval signature for the wave, and %3</source>
        <translation>%1 は出動しませんでした：信号機はグリーンウェーブに %2 の承認署名を必要としますが、%3</translation>
    </message>
    <message>
        <source>It parks %1 m from the destination.</source>
        <translation>目的地から %1 m の位置に停車します。</translation>
    </message>
</context>
<context>
    <name>cityops::HandOverChecklist</name>
    <message>
        <source>Shift hand-over from %1</source>
        <translation>%1 からのシフト引き継ぎ</translation>
    </message>
    <message>
        <source>%1 left no note.</source>
        <translation>%1 はメモを残していません。</translation>
    </message>
    <message>
        <source>Note from %1: %2</source>
        <translation>%1 からのメモ: %2</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Open incidents (%1)</source>
        <translation>未解決のインシデント（%1）</translation>
    </message>
    <message>
        <source>, overdue</source>
        <translation>、期限超過</translation>
    </message>
    <message>
        <source>Shelved or out-of-service alarms (%1)</source>
        <translation>保留中または運用停止中のアラーム（%1）</translation>
    </message>
    <message>
        <source>out of service</source>
        <translation>運用停止中</translation>
    </message>
    <message>
        <source>shelved</source>
        <translation>保留中</translation>
    </message>
    <message>
        <source>Orders still running (%1)</source>
        <translation>実行中の指令（%1）</translation>
    </message>
    <message>
        <source>Order %1: %2 (%3)</source>
        <translation>指令 %1: %2（%3）</translation>
    </message>
    <message>
        <source>waits for approval</source>
        <translation>承認待ち</translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>%2 件中 %1 件完了</translation>
    </message>
    <message>
        <source>I have gone through this list and take over the console</source>
        <translation>この一覧を確認し、コンソールを引き継ぎます</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>引き継ぐ</translation>
    </message>
    <message>
        <source>Not now (sign out)</source>
        <translation>今はしない（サインアウト）</translation>
    </message>
    <message>
        <source>Green waves under way (%1)</source>
        <translation>実行中のグリーンウェーブ(%1)</translation>
    </message>
    <message>
        <source>%1 — started by %2, pre-approved by %3</source>
        <translation>%1 — 開始: %2、事前承認: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n signal(s) held</source>
        <translation>
            <numerusform>信号 %n 基を保持中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n green wave(s) under way</source>
        <translation>
            <numerusform>、実行中のグリーンウェーブ %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Signals held or pre-empted (%1)</source>
        <translation>保持・優先制御中の信号 (%1)</translation>
    </message>
    <message>
        <source>order %1 of %2</source>
        <translation>%2 の指令 %1</translation>
    </message>
    <message>
        <source>%1 — phase %2, %3</source>
        <translation>%1 — フェーズ %2、%3</translation>
    </message>
    <message numerus="yes">
        <source>, %n signal(s) held or pre-empted</source>
        <translation>
            <numerusform>、保持・優先制御中の信号 %n 基</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open incident(s)</source>
        <translation>
            <numerusform>未解決のインシデント %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n shelved or out-of-service alarm(s)</source>
        <translation>
            <numerusform>、保留中または運用停止中のアラーム %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n running order(s)</source>
        <translation>
            <numerusform>、実行中の指令 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: holds its devices here</source>
        <translation>%1: その機器をここで保持中</translation>
    </message>
    <message>
        <source>released here by %1 while %2</source>
        <translation>%1 がここで解放(%2)</translation>
    </message>
</context>
<context>
    <name>cityops::IncidentBoard</name>
    <message numerus="yes">
        <source>INCIDENTS · %n OPEN</source>
        <translation>
            <numerusform>インシデント · 未解決 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>No open incidents</source>
        <translation>未解決のインシデントはありません</translation>
    </message>
    <message>
        <source>ACK</source>
        <translation>確認</translation>
    </message>
    <message>
        <source>ON SCENE</source>
        <translation>現着</translation>
    </message>
    <message>
        <source>%1 IN %2</source>
        <translation>%1 まで %2</translation>
    </message>
    <message>
        <source>! %1 OVERDUE %2</source>
        <translation>! %1 期限超過 %2</translation>
    </message>
    <message numerus="yes">
        <source>+ %n more</source>
        <translation>
            <numerusform>ほか %n 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::IncidentPanel</name>
    <message>
        <source>Incident list</source>
        <translation>インシデント一覧</translation>
    </message>
    <message>
        <source>Show &amp;resolved</source>
        <translation>解決済みを表示(&amp;R)</translation>
    </message>
    <message numerus="yes">
        <source>%n open incident(s) — critical %1 · major %2 · minor %3</source>
        <translation>
            <numerusform>未解決 %n 件 — 緊急 %1 · 重大 %2 · 軽微 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>My &amp;districts only</source>
        <translation>担当地区のみ(&amp;D)</translation>
    </message>
    <message>
        <source>Show only the incidents of the districts you answer for</source>
        <translation>担当する地区のインシデントだけを表示する</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>確認(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Dispatch</source>
        <translation>出動(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;On scene</source>
        <translation>現着(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Resolve</source>
        <translation>解決(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>完了(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Note…</source>
        <translation>メモ(&amp;N)…</translation>
    </message>
    <message>
        <source>Incident #%1</source>
        <translation>インシデント #%1</translation>
    </message>
    <message>
        <source>Note on incident #%1</source>
        <translation>インシデント #%1 のメモ</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>メモ:</translation>
    </message>
    <message numerus="yes">
        <source> · %n escalated</source>
        <translation>
            <numerusform> · エスカレーション %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an incident in the list first.</source>
        <translation>先に一覧でインシデントを選択してください。</translation>
    </message>
    <message>
        <source>Not a step from %1.</source>
        <translation>%1 から進める手順ではありません。</translation>
    </message>
</context>
<context>
    <name>cityops::IncidentTableModel</name>
    <message>
        <source>Severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>インシデント</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Open for</source>
        <translation>経過時間</translation>
    </message>
    <message>
        <source>Dispatched, acknowledged by %1</source>
        <translation>出動済み、%1 が確認</translation>
    </message>
    <message>
        <source>acknowledge within %1</source>
        <translation>%1 以内に確認</translation>
    </message>
    <message>
        <source>on scene within %1</source>
        <translation>%1 以内に現着</translation>
    </message>
    <message>
        <source>ACK OVERDUE %1</source>
        <translation>確認期限超過 %1</translation>
    </message>
    <message>
        <source>ON SCENE OVERDUE %1</source>
        <translation>現着期限超過 %1</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
</context>
<context>
    <name>cityops::JournalPanel</name>
    <message>
        <source>Event log</source>
        <translation>イベントログ</translation>
    </message>
    <message>
        <source>Show only lines with… (a name, #incident, device)</source>
        <translation>次を含む行だけ表示…（氏名、#インシデント、機器）</translation>
    </message>
    <message>
        <source>Filter the event log</source>
        <translation>イベントログを絞り込む</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n line(s) shown</source>
        <translation>
            <numerusform>%n 行中 %1 行を表示</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::KeyFiguresBoard</name>
    <message>
        <source>CITY</source>
        <translation>都市</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>データなし</translation>
    </message>
    <message>
        <source>data %1 old</source>
        <translation>データは %1 前</translation>
    </message>
    <message>
        <source>Signals fault/flash</source>
        <translation>信号 故障/点滅</translation>
    </message>
    <message>
        <source>Not reporting</source>
        <translation>無応答</translation>
    </message>
    <message>
        <source>Incidents overdue</source>
        <translation>期限超過インシデント</translation>
    </message>
    <message>
        <source>Field link</source>
        <translation>現場リンク</translation>
    </message>
    <message>
        <source>Signals held/pre-empted</source>
        <translation>信号 保持/優先制御</translation>
    </message>
</context>
<context>
    <name>cityops::Labels</name>
    <message>
        <source>Signal controller</source>
        <translation>信号制御機</translation>
    </message>
    <message>
        <source>Streetlight</source>
        <translation>街路灯</translation>
    </message>
    <message>
        <source>Feeder</source>
        <translation>フィーダー</translation>
    </message>
    <message>
        <source>Substation</source>
        <translation>変電所</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>通常</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手動</translation>
    </message>
    <message>
        <source>Flashing</source>
        <translation>点滅</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Pre-empted</source>
        <translation>優先制御中</translation>
    </message>
    <message>
        <source>Collision</source>
        <translation>衝突事故</translation>
    </message>
    <message>
        <source>Signal fault</source>
        <translation>信号故障</translation>
    </message>
    <message>
        <source>Lamp outage</source>
        <translation>不点灯</translation>
    </message>
    <message>
        <source>Feeder overload</source>
        <translation>フィーダー過負荷</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>緊急</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>重大</translation>
    </message>
    <message>
        <source>Minor</source>
        <translation>軽微</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>情報</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>確認済み</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>出動済み</translation>
    </message>
    <message>
        <source>On scene</source>
        <translation>現着</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>解決済み</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>統合済み</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>起動中</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>接続中</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>劣化</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>切断</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 時間 %2 分</translation>
    </message>
    <message>
        <source>outside districts</source>
        <translation>地区外</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>通報</translation>
    </message>
    <message>
        <source>Field work</source>
        <translation>現場作業</translation>
    </message>
    <message>
        <source>Lamp failed</source>
        <translation>ランプ故障</translation>
    </message>
    <message>
        <source>Signal controller fault</source>
        <translation>信号制御機の故障</translation>
    </message>
    <message>
        <source>No communication</source>
        <translation>通信途絶</translation>
    </message>
    <message>
        <source>Feeder overloaded</source>
        <translation>フィーダー過負荷</translation>
    </message>
    <message>
        <source>Feeder breaker tripped</source>
        <translation>フィーダー遮断器トリップ</translation>
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
        <translation>プログラム切替</translation>
    </message>
    <message>
        <source>Hold phase</source>
        <translation>現示保持</translation>
    </message>
    <message>
        <source>Advance phase</source>
        <translation>現示を進める</translation>
    </message>
    <message>
        <source>Flash</source>
        <translation>点滅</translation>
    </message>
    <message>
        <source>Pre-empt (hold green)</source>
        <translation>優先制御（青保持）</translation>
    </message>
    <message>
        <source>Restore normal operation</source>
        <translation>通常運用に戻す</translation>
    </message>
    <message>
        <source>Switch on</source>
        <translation>点灯</translation>
    </message>
    <message>
        <source>Switch off</source>
        <translation>消灯</translation>
    </message>
    <message>
        <source>Dim to %</source>
        <translation>% に減光</translation>
    </message>
    <message>
        <source>Automatic (photocell)</source>
        <translation>自動（光センサー）</translation>
    </message>
    <message>
        <source>Shed (open breaker)</source>
        <translation>負荷遮断（遮断器開放）</translation>
    </message>
    <message>
        <source>Restore (close breaker)</source>
        <translation>復旧（遮断器投入）</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>要求済み</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>承認待ち</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>承認済み</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>却下</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>予約済み</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>送信済み</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>確認済み</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>タイムアウト</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>失効</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>閲覧者</translation>
    </message>
    <message>
        <source>responder</source>
        <translation>対応員</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>オペレーター</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>監督者</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>Flash intersection and dispatch responders</source>
        <translation>交差点を点滅にし対応員を出動</translation>
    </message>
    <message>
        <source>Dim district</source>
        <translation>地区を減光</translation>
    </message>
    <message>
        <source>Shed feeders, then restore</source>
        <translation>フィーダーを遮断し、後で復旧</translation>
    </message>
    <message>
        <source>Emergency green wave</source>
        <translation>緊急車両の青信号連携</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>action and phase number</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Dim to %1 %</source>
        <translation>%1 % に減光</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>action and value</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>near %1</source>
        <translation>%1 付近</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Central</source>
        <translation>中央</translation>
    </message>
    <message>
        <source>North</source>
        <translation>北</translation>
    </message>
    <message>
        <source>South</source>
        <translation>南</translation>
    </message>
    <message>
        <source>West</source>
        <translation>西</translation>
    </message>
    <message>
        <source>East</source>
        <translation>東</translation>
    </message>
    <message>
        <source>North-West</source>
        <translation>北西</translation>
    </message>
    <message>
        <source>North-East</source>
        <translation>北東</translation>
    </message>
    <message>
        <source>South-West</source>
        <translation>南西</translation>
    </message>
    <message>
        <source>South-East</source>
        <translation>南東</translation>
    </message>
    <message>
        <source>Central West</source>
        <translation>中央西</translation>
    </message>
    <message>
        <source>Central East</source>
        <translation>中央東</translation>
    </message>
    <message>
        <source>raised</source>
        <translation>発生</translation>
    </message>
    <message>
        <source>returned to normal</source>
        <translation>正常復帰</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>確認済み</translation>
    </message>
    <message>
        <source>shelved</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>unshelved</source>
        <translation>保留解除</translation>
    </message>
    <message>
        <source>taken out of service</source>
        <translation>休止</translation>
    </message>
    <message>
        <source>returned to service</source>
        <translation>休止解除</translation>
    </message>
    <message>
        <source>suppressed</source>
        <translation>抑制</translation>
    </message>
    <message>
        <source>no longer suppressed</source>
        <translation>抑制解除</translation>
    </message>
    <message>
        <source>signed in</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <source>signed out</source>
        <translation>サインアウト</translation>
    </message>
    <message>
        <source>started replay</source>
        <translation>リプレイ開始</translation>
    </message>
    <message>
        <source>stopped replay</source>
        <translation>リプレイ終了</translation>
    </message>
    <message>
        <source>exported</source>
        <translation>エクスポート</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>選択</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>承認</translation>
    </message>
    <message>
        <source>sign-in refused</source>
        <translation>サインイン拒否</translation>
    </message>
    <message>
        <source>locked the console</source>
        <translation>コンソールをロック</translation>
    </message>
    <message>
        <source>unlocked the console</source>
        <translation>コンソールのロック解除</translation>
    </message>
    <message>
        <source>handed over the shift</source>
        <translation>勤務を引き継ぎ</translation>
    </message>
    <message>
        <source>took over the shift</source>
        <translation>勤務を引き受け</translation>
    </message>
    <message>
        <source>overrode an interlock</source>
        <translation>インターロックを解除</translation>
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
        <translation>メモ</translation>
    </message>
    <message>
        <source>acknowledgement overdue</source>
        <translation>確認期限超過</translation>
    </message>
    <message>
        <source>on scene overdue</source>
        <translation>現着期限超過</translation>
    </message>
    <message>
        <source>Incident #%1: %2</source>
        <translation>インシデント #%1: %2</translation>
    </message>
    <message>
        <source>Alarm %1 (%2): %3</source>
        <translation>警報 %1（%2）: %3</translation>
    </message>
    <message>
        <source>Order %1: %2</source>
        <translation>指令 %1: %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>simulator ×%1</source>
        <translation>シミュレーター ×%1</translation>
    </message>
    <message>
        <source>Signals dark</source>
        <translation>信号消灯</translation>
    </message>
    <message>
        <source>Devices silent: common cause</source>
        <translation>機器の応答なし：共通原因</translation>
    </message>
    <message>
        <source>put on the video wall</source>
        <translation>ビデオウォールに表示</translation>
    </message>
    <message>
        <source>sent a vehicle</source>
        <translation>車両を出動</translation>
    </message>
    <message>
        <source>stopped a green wave</source>
        <translation>グリーンウェーブを停止</translation>
    </message>
    <message>
        <source> (keeps ×%1: the city&apos;s time follows it)</source>
        <comment>the simulation runs slower than asked</comment>
        <translation>（実行速度 ×%1：都市の時刻はこれに従う）</translation>
    </message>
    <message>
        <source> · signals by SUMO</source>
        <translation> · 信号はSUMO</translation>
    </message>
    <message>
        <source> — %1; signals not reporting until it runs again</source>
        <comment>%1: what happened to SUMO, in its words</comment>
        <translation> — %1。再開するまで信号は報告なし</translation>
    </message>
    <message>
        <source>%1 — retrying: %2</source>
        <comment>%1: the broker&apos;s address; %2: why it failed, in its words</comment>
        <translation>%1 — 再試行中: %2</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <comment>a field link that lost its broker</comment>
        <translation>再接続中</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>started a green wave, now over</source>
        <comment>the vehicle of a wave this person started has parked</comment>
        <translation>が開始したグリーンウェーブが終了</translation>
    </message>
    <message>
        <source>Signal held too long</source>
        <translation>信号の保持が長すぎます</translation>
    </message>
    <message>
        <source>a command this console has no record of</source>
        <translation>このコンソールに記録のない指令</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>a device&apos;s place and its id</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>no deadline</source>
        <translation>期限なし</translation>
    </message>
    <message>
        <source>&lt;p&gt;The city&apos;s own response rules (set with &lt;i&gt;cityops-admin rules&lt;/i&gt;).&lt;/p&gt;</source>
        <translation>&lt;p&gt;この都市独自の対応ルール（&lt;i&gt;cityops-admin rules&lt;/i&gt; で設定）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The default response rules: this city has set none of its own (&lt;i&gt;cityops-admin rules&lt;/i&gt;).&lt;/p&gt;</source>
        <translation>&lt;p&gt;既定の対応ルール：この都市は独自のルールを設定していません（&lt;i&gt;cityops-admin rules&lt;/i&gt;）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Acknowledge within</source>
        <translation>確認期限</translation>
    </message>
    <message>
        <source>On scene within</source>
        <translation>現場到着期限</translation>
    </message>
    <message>
        <source>&lt;p&gt;Past a deadline the incident is escalated to the supervisors. A signal held on a phase for more than &lt;b&gt;%1&lt;/b&gt;, or pre-empted for more than &lt;b&gt;%2&lt;/b&gt;, raises an alarm.&lt;/p&gt;</source>
        <translation>&lt;p&gt;期限を過ぎたインシデントはスーパーバイザーにエスカレーションされます。信号が &lt;b&gt;%1&lt;/b&gt; を超えて現示保持されるか、&lt;b&gt;%2&lt;/b&gt; を超えて優先制御されると警報が出ます。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Each incident keeps the deadlines it was given when it arose.&lt;/p&gt;</source>
        <translation>&lt;p&gt;各インシデントは発生時に与えられた期限を保持します。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>changed the response rules</source>
        <comment>recorded as the city&apos;s, not a person&apos;s: see activity()</comment>
        <translation>対応ルールを変更</translation>
    </message>
    <message>
        <source>The city&apos;s response rules changed</source>
        <translation>都市の対応ルールが変更されました</translation>
    </message>
    <message>
        <source>closed the console</source>
        <translation>コンソールを閉じた</translation>
    </message>
    <message>
        <source>The incidents, alarms and orders open when this console last stopped were NOT carried over (%1): this desk starts without them. Replay the recording (Ctrl+R) to see them.</source>
        <translation>このコンソールが前回停止したときに未完了だったインシデント・アラーム・指令は引き継がれていません（%1）。この卓はそれらなしで始まります。見るには記録を再生してください（Ctrl+R）。</translation>
    </message>
    <message numerus="yes">
        <source>Carried on from the recording without %n event(s) it could not read (the first: %1); what they recorded is not on this desk.</source>
        <translation>
            <numerusform>記録から引き継ぎましたが、読めないイベント %n 件を除いています（最初のもの: %1）。その内容はこの卓にありません。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The replay goes on without %n recorded event(s) it cannot read (the first: %1).</source>
        <translation>
            <numerusform>再生は読めない記録済みイベント %n 件を除いて続きます（最初のもの: %1）。</numerusform>
        </translation>
    </message>
    <message>
        <source>No snapshot of the recording could be read, and it keeps events only from %1: the incidents, alarms and orders open before then are NOT on this desk — check them in the field.</source>
        <translation>記録のスナップショットがどれも読めず、記録には %1 以降のイベントしか残っていません。それ以前から未完了のインシデント・アラーム・指令はこの卓にありません。現場で確認してください。</translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform>、ほか %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Console %1 is on the broker</source>
        <translation>コンソール %1 がブローカーに接続しました</translation>
    </message>
    <message>
        <source>Console %1 is gone from the broker</source>
        <translation>コンソール %1 がブローカーから消えました</translation>
    </message>
    <message>
        <source>Released here</source>
        <translation>ここで解放済み</translation>
    </message>
    <message>
        <source>%1 is on the broker</source>
        <translation>%1 はブローカー上にいます</translation>
    </message>
    <message>
        <source>%1 is gone</source>
        <translation>%1 は不在です</translation>
    </message>
    <message>
        <source>%1 is out of the console keyring</source>
        <translation>%1 はコンソール鍵束から外されています</translation>
    </message>
    <message>
        <source>Console %1 was taken out of the console keyring: its operations are refused here</source>
        <translation>コンソール %1 はコンソール鍵束から外されました: その操作はここで拒否されます</translation>
    </message>
    <message>
        <source>Traffic not counted in any district</source>
        <translation>交通量はどの地区でも計測されていません</translation>
    </message>
    <message>
        <source>Traffic not counted in %1</source>
        <translation>%1 の交通量は計測されていません</translation>
    </message>
    <message>
        <source>Traffic not yet counted in any district</source>
        <translation>交通量はまだどの地区でも計測されていません</translation>
    </message>
    <message>
        <source>Traffic not yet counted in %1</source>
        <translation>%1 の交通量はまだ計測されていません</translation>
    </message>
    <message>
        <source>clock %1 behind (its reports dated on arrival)</source>
        <translation>時計が %1 遅れています（報告は受信時刻で記録）</translation>
    </message>
    <message>
        <source>clock %1 ahead (its reports dated on arrival)</source>
        <translation>時計が %1 進んでいます（報告は受信時刻で記録）</translation>
    </message>
    <message>
        <source>clock %1 behind: it refuses this desk&apos;s commands as issued in its future — set its clock (NTP)</source>
        <translation>時計が %1 遅れています: この卓のコマンドを未来の発行として拒否します — 時計を合わせてください (NTP)</translation>
    </message>
    <message>
        <source>clock %1 ahead: it refuses a command of this desk valid for less as expired — set its clock (NTP)</source>
        <translation>時計が %1 進んでいます: 有効期間がそれより短いこの卓のコマンドを期限切れとして拒否します — 時計を合わせてください (NTP)</translation>
    </message>
    <message>
        <source>%1 clock %2 behind</source>
        <translation>%1 時計 %2 遅れ</translation>
    </message>
    <message>
        <source>%1 clock %2 ahead</source>
        <translation>%1 時計 %2 進み</translation>
    </message>
    <message>
        <source>%1 clock %2 behind: its operations refused</source>
        <translation>%1 時計 %2 遅れ: 操作を拒否</translation>
    </message>
    <message>
        <source>%1 clock %2 ahead: its operations refused</source>
        <translation>%1 時計 %2 進み: 操作を拒否</translation>
    </message>
    <message>
        <source>this desk&apos;s clock %1 behind</source>
        <translation>この卓の時計 %1 遅れ</translation>
    </message>
    <message>
        <source>this desk&apos;s clock %1 ahead</source>
        <translation>この卓の時計 %1 進み</translation>
    </message>
    <message>
        <source>This desk&apos;s clock is likely the one off: %1 behind every other clock it judges (%2). The field refuses its commands valid for less as expired, other desks its operations — set this desk&apos;s clock (NTP)</source>
        <translation>ずれているのはおそらくこの卓の時計です: 判定できる他のすべての時計 (%2) より %1 遅れています。現場はそれより短い有効期限のコマンドを期限切れとして拒否し、他の卓はその操作を拒否します — この卓の時計を合わせてください (NTP)</translation>
    </message>
    <message>
        <source>This desk&apos;s clock is likely the one off: %1 ahead of every other clock it judges (%2). The field refuses its commands as issued in its future, other desks its operations — set this desk&apos;s clock (NTP)</source>
        <translation>ずれているのはおそらくこの卓の時計です: 判定できる他のすべての時計 (%2) より %1 進んでいます。現場はそのコマンドを未来の発行として拒否し、他の卓はその操作を拒否します — この卓の時計を合わせてください (NTP)</translation>
    </message>
    <message>
        <source>changed an account</source>
        <comment>an administrator, with cityops-admin: see activity()</comment>
        <translation>アカウントを変更しました</translation>
    </message>
    <message>
        <source>An administrator (%1) changed an account with cityops-admin</source>
        <translation>管理者（%1）が cityops-admin でアカウントを変更しました</translation>
    </message>
    <message>
        <source>changed a keyring</source>
        <comment>an administrator, with cityops-admin: see activity()</comment>
        <translation>キーリングを変更しました</translation>
    </message>
    <message>
        <source>An administrator (%1) changed whose keys are believed with cityops-admin</source>
        <translation>管理者（%1）が cityops-admin で信頼する鍵を変更しました</translation>
    </message>
    <message>
        <source>Whose keys are believed was changed outside cityops-admin; nobody is recorded as having done it</source>
        <translation>信頼する鍵が cityops-admin 以外で変更されました。変更者は記録されていません</translation>
    </message>
    <message>
        <source>other console and approver keyrings than this console</source>
        <translation>このコンソールとは異なるコンソール・承認者キーリング</translation>
    </message>
    <message>
        <source>another console keyring than this console</source>
        <translation>このコンソールとは異なるコンソールキーリング</translation>
    </message>
    <message>
        <source>another approver keyring than this console</source>
        <translation>このコンソールとは異なる承認者キーリング</translation>
    </message>
    <message>
        <source>A gateway&apos;s keyrings compared with this console&apos;s</source>
        <translation>ゲートウェイの信頼する鍵をこのコンソールと照合しました</translation>
    </message>
    <message>
        <source>%1 keyrings differ</source>
        <comment>a gateway or a console</comment>
        <translation>%1 のキーリングが異なります</translation>
    </message>
    <message>
        <source>%1 console keyring differs</source>
        <comment>a gateway or a console</comment>
        <translation>%1 のコンソールキーリングが異なります</translation>
    </message>
    <message>
        <source>%1 approver keyring differs</source>
        <comment>a gateway or a console</comment>
        <translation>%1 の承認者キーリングが異なります</translation>
    </message>
    <message>
        <source>Another desk&apos;s keyrings compared with this console&apos;s</source>
        <translation>別のデスクの信頼する鍵をこのコンソールと照合しました</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) not recorded over %1: the console could not write them (its disk full, or its recording too far behind) — the record&apos;s check names them</source>
        <translation>
            <numerusform>%Ln 件のイベントが %1 にわたり記録されていません：コンソールが書き込めませんでした（ディスクが満杯、または記録が大きく遅れていた）— 記録の検査がそれらを示します</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 set their own password</source>
        <translation>%1 が自分のパスワードを設定しました</translation>
    </message>
    <message>
        <source>%1 changed an account at a console</source>
        <translation>%1 がコンソールでアカウントを変更しました</translation>
    </message>
    <message>
        <source>%1 moved their approval key to their password now</source>
        <translation>%1 が承認鍵を現在のパスワードに移しました</translation>
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
        <translation>詳細</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>インシデント</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>エネルギー</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Whole city</source>
        <translation>都市全体(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Layers</source>
        <translation>レイヤー(&amp;L)</translation>
    </message>
    <message>
        <source>Focus &amp;map</source>
        <translation>地図にフォーカス(&amp;M)</translation>
    </message>
    <message>
        <source>Focus &amp;incident list</source>
        <translation>インシデント一覧にフォーカス(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About CityOps</source>
        <translation>CityOps について(&amp;A)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>About CityOps</source>
        <translation>CityOps について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;CityOps %1&lt;/h3&gt;&lt;p&gt;Operations console for city control rooms.&lt;/p&gt;&lt;p&gt;&lt;b&gt;City:&lt;/b&gt; %2&lt;br&gt;&lt;b&gt;Source:&lt;/b&gt; %3&lt;/p&gt;&lt;p&gt;%4&lt;/p&gt;&lt;p&gt;Map data © OpenStreetMap contributors, available under the Open Database License (ODbL). Road network converted with Eclipse SUMO (EPL-2.0).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;CityOps %1&lt;/h3&gt;&lt;p&gt;都市管制室のための運用コンソール。&lt;/p&gt;&lt;p&gt;&lt;b&gt;都市:&lt;/b&gt; %2&lt;br&gt;&lt;b&gt;出典:&lt;/b&gt; %3&lt;/p&gt;&lt;p&gt;%4&lt;/p&gt;&lt;p&gt;地図データ © OpenStreetMap contributors、Open Database License (ODbL) の下で利用可能。道路網は Eclipse SUMO (EPL-2.0) で変換。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Replay: %1</source>
        <translation>リプレイ: %1</translation>
    </message>
    <message>
        <source>Replay needs a recording, and this console is not recording.</source>
        <translation>リプレイには記録が必要ですが、このコンソールは記録していません。</translation>
    </message>
    <message>
        <source>Opening the recording…</source>
        <translation>記録を開いています…</translation>
    </message>
    <message>
        <source>&amp;Replay</source>
        <translation>リプレイ(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Replay the recording</source>
        <translation>記録をリプレイ(&amp;R)</translation>
    </message>
    <message>
        <source>Return to &amp;live</source>
        <translation>ライブに戻る(&amp;L)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>エクスポート</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>エクスポート完了: %1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>エクスポート失敗: %1</translation>
    </message>
    <message>
        <source>&amp;Export a time window…</source>
        <translation>時間帯をエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>L&amp;egend</source>
        <translation>凡例(&amp;E)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Find a device, street or incident #… (Ctrl+F)</source>
        <translation>機器・通り・インシデント # を検索… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Nothing found for &quot;%1&quot;</source>
        <translation>「%1」は見つかりません</translation>
    </message>
    <message>
        <source>Showing %1</source>
        <translation>%1 を表示中</translation>
    </message>
    <message>
        <source>An export is still running; cancel it or wait for it to finish.</source>
        <translation>エクスポートはまだ実行中です。取り消すか、終わるまでお待ちください。</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>%1 をエクスポート中…</translation>
    </message>
    <message>
        <source>Export cancelled; no files were written.</source>
        <translation>エクスポートを取り消しました。ファイルは書き込まれていません。</translation>
    </message>
    <message>
        <source>Export %p%</source>
        <translation>エクスポート %p%</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>エクスポートを取り消す</translation>
    </message>
    <message>
        <source>Stops the export; nothing half-written is left behind</source>
        <translation>エクスポートを止めます。書きかけのファイルは残りません</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>セッション(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Lock the console</source>
        <translation>コンソールをロック(&amp;L)</translation>
    </message>
    <message>
        <source>locked by hand</source>
        <translation>手動でロック</translation>
    </message>
    <message>
        <source>&amp;Hand over the shift…</source>
        <translation>シフトを引き継ぐ(&amp;H)…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>サインアウト(&amp;O)</translation>
    </message>
    <message>
        <source>Hand over the shift</source>
        <translation>シフトの引き継ぎ</translation>
    </message>
    <message>
        <source>A note for the person taking over (what to watch, what is pending):</source>
        <translation>引き継ぐ人へのメモ（注意すべきこと、保留中のこと）:</translation>
    </message>
    <message>
        <source>Reset the &amp;layout</source>
        <translation>レイアウトを元に戻す(&amp;L)</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Ctrl+Alt+L&lt;/b&gt; lock the console · Session ▸ Hand over the shift · View ▸ Reset the layout&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Ctrl+Alt+L&lt;/b&gt; コンソールをロック · セッション ▸ シフトを引き継ぐ · 表示 ▸ レイアウトを元に戻す&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Show on the &amp;wall</source>
        <translation>ウォールに表示(&amp;W)</translation>
    </message>
    <message>
        <source>Puts the selected incident or device on the video wall&apos;s map for a minute</source>
        <translation>選択したインシデントまたは機器を1分間ビデオウォールの地図に表示します</translation>
    </message>
    <message>
        <source>Select an incident or a device to show on the wall.</source>
        <translation>ウォールに表示するインシデントまたは機器を選択してください。</translation>
    </message>
    <message>
        <source>Asking the wall…</source>
        <translation>ウォールに問い合わせ中…</translation>
    </message>
    <message>
        <source>On the wall: %1</source>
        <translation>ウォールに表示: %1</translation>
    </message>
    <message>
        <source>Not on the wall: %1</source>
        <translation>ウォールに表示できません: %1</translation>
    </message>
    <message>
        <source>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Arrow keys&lt;/b&gt;&lt;/td&gt;&lt;td&gt;pan the map&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;+ / −, PgUp / PgDn, wheel&lt;/b&gt;&lt;/td&gt;&lt;td&gt;zoom in / out&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Home, Ctrl+0&lt;/b&gt;&lt;/td&gt;&lt;td&gt;whole city&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;clear the selection&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+1 … Alt+6&lt;/b&gt;&lt;/td&gt;&lt;td&gt;show / hide map layers&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F6 / F7&lt;/b&gt;&lt;/td&gt;&lt;td&gt;focus the map / the incident list&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Enter&lt;/b&gt; (incident list)&lt;/td&gt;&lt;td&gt;fly to the incident&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;find a device, street or incident&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;show / hide the legend&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;export a time window&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+W&lt;/b&gt;&lt;/td&gt;&lt;td&gt;show the selection on the video wall&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+R / Ctrl+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;replay the recording / return to live&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space, ← →, PgUp / PgDn&lt;/b&gt; (replay)&lt;/td&gt;&lt;td&gt;play/pause, step 10 s, previous/next incident&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Q&lt;/b&gt;&lt;/td&gt;&lt;td&gt;close the console (asks first)&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;矢印キー&lt;/b&gt;&lt;/td&gt;&lt;td&gt;地図の移動&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;+ / −、PgUp / PgDn、ホイール&lt;/b&gt;&lt;/td&gt;&lt;td&gt;拡大 / 縮小&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Home、Ctrl+0&lt;/b&gt;&lt;/td&gt;&lt;td&gt;都市全体&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Esc&lt;/b&gt;&lt;/td&gt;&lt;td&gt;選択の解除&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Alt+1 … Alt+6&lt;/b&gt;&lt;/td&gt;&lt;td&gt;地図レイヤーの表示 / 非表示&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;F6 / F7&lt;/b&gt;&lt;/td&gt;&lt;td&gt;地図 / インシデント一覧にフォーカス&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Enter&lt;/b&gt;（インシデント一覧）&lt;/td&gt;&lt;td&gt;インシデントへ移動&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;機器・通り・インシデントの検索&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;凡例の表示 / 非表示&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+E&lt;/b&gt;&lt;/td&gt;&lt;td&gt;時間帯のエクスポート&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Shift+W&lt;/b&gt;&lt;/td&gt;&lt;td&gt;選択をビデオウォールに表示&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+R / Ctrl+L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;記録のリプレイ / ライブに戻る&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Space、← →、PgUp / PgDn&lt;/b&gt;（リプレイ中）&lt;/td&gt;&lt;td&gt;再生/一時停止、10 秒移動、前/次のインシデント&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+Q&lt;/b&gt;&lt;/td&gt;&lt;td&gt;コンソールを閉じる（先に確認）&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>Sent to the walls on the broker for %1 s</source>
        <translation>ブローカー上のウォールに %1 秒間表示を送信しました</translation>
    </message>
    <message>
        <source>No field data since %1 — the map shows the last reports; the link is retrying</source>
        <translation>%1 以降現場データなし — 地図は最後の報告を表示中。リンク再試行中</translation>
    </message>
    <message>
        <source>No field data — the field link is not connected</source>
        <translation>現場データなし — 現場リンク未接続</translation>
    </message>
    <message>
        <source>&amp;Response rules</source>
        <translation>対応ルール(&amp;R)</translation>
    </message>
    <message>
        <source>Response rules</source>
        <translation>対応ルール</translation>
    </message>
    <message>
        <source>The city&apos;s response rules changed: new incidents get the new deadlines, those open keep theirs (Help ▸ Response rules)</source>
        <translation>都市の対応ルールが変更されました: 新しいインシデントには新しい期限が適用され、対応中のものは元の期限のままです (ヘルプ ▸ 対応ルール)</translation>
    </message>
    <message>
        <source>The city&apos;s response rules were changed but cannot be used; those in force stay: %1</source>
        <translation>都市の対応ルールが変更されましたが使用できません。現在のルールを継続します: %1</translation>
    </message>
    <message>
        <source>Kept running: the green waves are stopped.</source>
        <translation>動かし続けています：緑の波は止めました。</translation>
    </message>
    <message>
        <source>The recording holds events this console cannot read, so nothing was exported.</source>
        <translation>記録にこのコンソールが読めないイベントがあるため、何も書き出していません。</translation>
    </message>
    <message>
        <source>Export &amp;without them</source>
        <translation>それらを除いて書き出す(&amp;W)</translation>
    </message>
    <message>
        <source>The events with their chain are not written: with events left out they could not be checked.</source>
        <translation>チェーン付きのイベントは書き出しません。イベントを除くと検証できないためです。</translation>
    </message>
    <message>
        <source>Export the window without them? The files then leave out every event it cannot read, and the summary says how many and the first.</source>
        <translation>それらを除いてこの時間帯を書き出しますか？ファイルからは読めないイベントがすべて除かれ、要約に件数と最初のものが示されます。</translation>
    </message>
    <message>
        <source>&amp;Check the record</source>
        <translation>記録を検証(&amp;C)</translation>
    </message>
    <message>
        <source>This console is not recording: there is no record to check.</source>
        <translation>このコンソールは記録していません: 検証する記録がありません。</translation>
    </message>
    <message>
        <source>The record is being checked already.</source>
        <translation>記録はすでに検証中です。</translation>
    </message>
    <message>
        <source>Checking the record…</source>
        <translation>記録を検証中…</translation>
    </message>
    <message>
        <source>Checks that the recording is as it was recorded: the events&apos; signed chain, and every snapshot a replay starts from rebuilt from the events before it</source>
        <translation>記録が記録されたままかを検証します: イベントの署名付きチェーンと、リプレイの起点となる各スナップショットをそれ以前のイベントから再構築して照合</translation>
    </message>
    <message>
        <source>Checking the record… %1 %</source>
        <translation>記録を検証中… %1 %</translation>
    </message>
    <message>
        <source>S&amp;top checking the record</source>
        <translation>記録の検査を中止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Change my password…</source>
        <translation>パスワードを変更(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;People…</source>
        <translation>利用者(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Approval key…</source>
        <translation>承認鍵(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>cityops::MapLayers</name>
    <message>
        <source>Districts</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Roads</source>
        <translation>道路</translation>
    </message>
    <message>
        <source>Streetlights</source>
        <translation>街路灯</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>エネルギー</translation>
    </message>
    <message>
        <source>Signals</source>
        <translation>信号</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>インシデント</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>選択</translation>
    </message>
    <message>
        <source>Reserved devices</source>
        <translation>予約中の機器</translation>
    </message>
    <message>
        <source>Background map</source>
        <translation>背景地図</translation>
    </message>
    <message>
        <source>Street names</source>
        <translation>通り名</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>渋滞</translation>
    </message>
    <message>
        <source>Emergency vehicles</source>
        <translation>緊急車両</translation>
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
            <numerusform>%1（ほかに %n か所の交差点も該当：名前をもう少し入力してください）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::MapView</name>
    <message>
        <source>City map</source>
        <translation>都市地図</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>Roads © OpenStreetMap contributors (ODbL) · SUMO</source>
        <translation>道路 © OpenStreetMap contributors (ODbL) · SUMO</translation>
    </message>
    <message>
        <source>REPLAY</source>
        <translation>リプレイ</translation>
    </message>
    <message>
        <source>Signal flashing / faulted</source>
        <translation>信号 点滅 / 故障</translation>
    </message>
    <message>
        <source>Lamp fault</source>
        <translation>ランプ故障</translation>
    </message>
    <message>
        <source>Not reporting</source>
        <translation>応答なし</translation>
    </message>
    <message>
        <source>Feeder ≥ 80 % of rating</source>
        <translation>フィーダー 定格の 80 % 以上</translation>
    </message>
    <message>
        <source>Feeder over rating</source>
        <translation>フィーダー 定格超過</translation>
    </message>
    <message>
        <source>Incident: critical</source>
        <translation>インシデント: 緊急</translation>
    </message>
    <message>
        <source>Incident: major</source>
        <translation>インシデント: 重大</translation>
    </message>
    <message>
        <source>Incident: minor</source>
        <translation>インシデント: 軽微</translation>
    </message>
    <message>
        <source>%1 — %2
%3, open for %4</source>
        <translation>%1 — %2
%3、経過 %4</translation>
    </message>
    <message>
        <source>no report yet</source>
        <translation>未報告</translation>
    </message>
    <message>
        <source>not reporting</source>
        <translation>応答なし</translation>
    </message>
    <message>
        <source>flashing (fault)</source>
        <translation>点滅（故障）</translation>
    </message>
    <message>
        <source>lamp fault</source>
        <translation>ランプ故障</translation>
    </message>
    <message>
        <source>off</source>
        <translation>消灯</translation>
    </message>
    <message>
        <source>on, %1 %</source>
        <translation>点灯 %1 %</translation>
    </message>
    <message>
        <source>%1 % of rating</source>
        <translation>定格の %1 %</translation>
    </message>
    <message>
        <source>online</source>
        <translation>オンライン</translation>
    </message>
    <message>
        <source>Emergency vehicle on its way, its route</source>
        <translation>走行中の緊急車両とその経路</translation>
    </message>
    <message>
        <source>Emergency vehicle standing</source>
        <translation>待機中の緊急車両</translation>
    </message>
    <message>
        <source>%1 — standing</source>
        <translation>%1 — 停車中</translation>
    </message>
    <message>
        <source>%1 — on its way, %2 km/h</source>
        <translation>%1 — 走行中、時速 %2 km</translation>
    </message>
    <message>
        <source>Traffic standing a block long</source>
        <translation>1ブロック分の停滞</translation>
    </message>
    <message>
        <source>Traffic standing two blocks long</source>
        <translation>2ブロック分の停滞</translation>
    </message>
    <message>
        <source>Signal held / pre-empted</source>
        <translation>保持 / 優先制御中の信号</translation>
    </message>
    <message>
        <source>Signal running its program</source>
        <translation>プログラム運転中の信号</translation>
    </message>
</context>
<context>
    <name>cityops::OpsClient</name>
    <message>
        <source>Nobody is signed in at this console: sign in first.</source>
        <translation>このコンソールには誰もサインインしていません。先にサインインしてください。</translation>
    </message>
    <message>
        <source>Approve order %1</source>
        <translation>指令 %1 を承認</translation>
    </message>
    <message>
        <source>Order %1 was not approved: approving needs your password again.</source>
        <translation>指令 %1 は承認されませんでした。承認にはパスワードの再入力が必要です。</translation>
    </message>
    <message>
        <source>Order %1 was not approved: the devices need your approval signature, and %2</source>
        <translation>指令 %1 は承認されませんでした: 機器はあなたの承認署名を必要としますが、%2</translation>
    </message>
    <message>
        <source>%1 (sealed with an earlier password: Session ▸ Approval key… moves it to your password now)</source>
        <translation>%1（以前のパスワードで封印されています: セッション ▸ 承認鍵… で現在のパスワードに移せます）</translation>
    </message>
</context>
<context>
    <name>cityops::OpsConsole</name>
    <message>
        <source>Alarms</source>
        <translation>警報</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>イベントログ</translation>
    </message>
    <message>
        <source>Replay shows the past and changes nothing: return to live (Ctrl+L) to act.</source>
        <translation>リプレイは過去を表示するだけで何も変えません。操作するにはライブに戻ってください (Ctrl+L)。</translation>
    </message>
    <message>
        <source>&amp;Operations</source>
        <translation>運用(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Command selected devices…</source>
        <translation>選択した機器を制御(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Flash intersection and dispatch responders…</source>
        <translation>交差点を点滅にし対応員を出動(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Dim a district…</source>
        <translation>地区を減光(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Shed feeders, then restore…</source>
        <translation>フィーダーを遮断し、後で復旧(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Report an incident at the map centre…</source>
        <translation>地図中央でインシデントを通報(&amp;R)…</translation>
    </message>
    <message>
        <source>Focus &amp;alarm list</source>
        <translation>警報一覧へ移動(&amp;A)</translation>
    </message>
    <message>
        <source>Focus c&amp;ommand orders</source>
        <translation>指令一覧へ移動(&amp;O)</translation>
    </message>
    <message>
        <source>Nothing to command there.</source>
        <translation>そこには制御対象がありません。</translation>
    </message>
    <message>
        <source>Select an intersection (a signal controller) on the map first.</source>
        <translation>先に地図上で交差点（信号制御機）を選んでください。</translation>
    </message>
    <message>
        <source>Dim a district</source>
        <translation>地区を減光</translation>
    </message>
    <message>
        <source>District:</source>
        <translation>地区:</translation>
    </message>
    <message>
        <source>Dim the streetlights to (%):</source>
        <translation>街路灯の減光率 (%):</translation>
    </message>
    <message>
        <source>Shed feeders</source>
        <translation>フィーダーの負荷遮断</translation>
    </message>
    <message numerus="yes">
        <source>Shed %n feeder(s), least critical first, and restore them after (minutes):</source>
        <translation>
            <numerusform>%n 本のフィーダーを重要度の低い順に遮断し、何分後に復旧するか:</numerusform>
        </translation>
    </message>
    <message>
        <source>Emergency green wave</source>
        <translation>緊急車両の青信号連携</translation>
    </message>
    <message>
        <source>The route, as the signals or devices it passes in order (ids, comma-separated):</source>
        <translation>経路（通過する信号や機器の ID を順にカンマ区切りで）:</translation>
    </message>
    <message>
        <source>Unknown device %1</source>
        <translation>不明な機器 %1</translation>
    </message>
    <message>
        <source>A route needs at least two points.</source>
        <translation>経路には2点以上が必要です。</translation>
    </message>
    <message>
        <source>Vehicle speed (km/h):</source>
        <translation>車両速度 (km/h):</translation>
    </message>
    <message>
        <source>Report an incident</source>
        <translation>インシデントを通報</translation>
    </message>
    <message>
        <source>Severity:</source>
        <translation>重大度:</translation>
    </message>
    <message>
        <source>What is it?</source>
        <translation>内容は？</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>通報</translation>
    </message>
    <message>
        <source>Command…</source>
        <translation>制御…</translation>
    </message>
    <message>
        <source>Flash and dispatch responders…</source>
        <translation>点滅にし対応員を出動…</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>確認</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>出動</translation>
    </message>
    <message>
        <source>On scene</source>
        <translation>現着</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>解決</translation>
    </message>
    <message>
        <source>Incident #%1</source>
        <translation>インシデント #%1</translation>
    </message>
    <message>
        <source>Report an incident here…</source>
        <translation>ここでインシデントを通報…</translation>
    </message>
    <message>
        <source>Refused — %1</source>
        <translation>拒否 — %1</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) picked — Ctrl+K commands them, Esc clears</source>
        <translation>
            <numerusform>%n 台を選択 — Ctrl+K で制御、Esc で解除</numerusform>
        </translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未サインイン</translation>
    </message>
    <message>
        <source>%1 · %2%3%4</source>
        <translation>%1 · %2%3%4</translation>
    </message>
    <message>
        <source> · locked</source>
        <translation> · ロック中</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>Send an emergency &amp;vehicle with a green wave…</source>
        <translation>緊急車両を青信号連携で出動(&amp;V)…</translation>
    </message>
    <message>
        <source>Emergency &amp;green wave on a timetable…</source>
        <translation>時刻表による緊急青信号連携(&amp;G)…</translation>
    </message>
    <message>
        <source>incident #%1 (%2)</source>
        <translation>インシデント #%1（%2）</translation>
    </message>
    <message>
        <source>Select where the vehicle goes first: an incident or a device on the map.</source>
        <translation>先に車両の行き先（地図上のインシデントまたは機器）を選んでください。</translation>
    </message>
    <message numerus="yes">
        <source>%1 is on its way (%2 km); green wave over %n signal(s), pre-approved by %3</source>
        <translation>
            <numerusform>%1 が出動しました（%2 km）。信号 %n 基の青信号連携、%3 が事前承認</numerusform>
        </translation>
    </message>
    <message>
        <source>Green wave for %1: %2</source>
        <translation>%1 の青信号連携: %2</translation>
    </message>
    <message>
        <source>S&amp;top a green wave…</source>
        <translation>グリーンウェーブを停止(&amp;T)…</translation>
    </message>
    <message numerus="yes">
        <source>Green wave for %1 stopped by %2; %n signal(s) released</source>
        <translation>
            <numerusform>%1 のグリーンウェーブを %2 が停止しました。信号 %n 基を解放</numerusform>
        </translation>
    </message>
    <message>
        <source>No green wave is under way.</source>
        <translation>実行中のグリーンウェーブはありません。</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n signal(s) held</source>
        <translation>
            <numerusform>%1 — 信号 %n 基を保持中</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop a green wave</source>
        <translation>グリーンウェーブの停止</translation>
    </message>
    <message>
        <source>Its held signals return to their programs; the vehicle drives on without a wave.</source>
        <translation>保持中の信号は通常のプログラムに戻ります。車両はグリーンウェーブなしで走行を続けます。</translation>
    </message>
    <message>
        <source>Refused — green wave for %1: %2</source>
        <translation>拒否 — %1 のグリーンウェーブ: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n held)</source>
        <translation>
            <numerusform>%1(%n 基保持)</numerusform>
        </translation>
    </message>
    <message>
        <source>Green wave: %1</source>
        <translation>グリーンウェーブ: %1</translation>
    </message>
    <message numerus="yes">
        <source>The earlier green wave for %1 ends: its %n held signal(s) go to the new one (released there if not on the new route)</source>
        <translation>
            <numerusform>%1 の以前のグリーンウェーブを終了: 保持中の信号 %n 基は新しいウェーブに引き継がれます(新しいルート上にない信号はそこで解放)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Green wave for %1 over: it arrived %2 after setting off (planned %3), with %n stop(s) on the way</source>
        <translation>
            <numerusform>%1 のグリーンウェーブが終了: 出発から %2 で到着(予定 %3)、途中の停止 %n 回</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n signal(s) pre-empted and released</source>
        <translation>
            <numerusform>信号 %n 基を優先制御し解除しました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Green wave for %1 over: it parked %2 m from where it was sent, %3 after setting off (planned %4), with %n stop(s) on the way</source>
        <translation>
            <numerusform>%1 のグリーンウェーブが終了: 送り先から %2 m の地点に停車、出発から %3(予定 %4)、途中の停止 %n 回</numerusform>
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
        <translation>状態</translation>
    </message>
    <message>
        <source>By</source>
        <translation>依頼者</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>承認者</translation>
    </message>
    <message>
        <source>Command orders</source>
        <translation>指令一覧</translation>
    </message>
    <message>
        <source>A&amp;pprove</source>
        <translation>承認(&amp;P)</translation>
    </message>
    <message>
        <source>D&amp;eny…</source>
        <translation>却下(&amp;E)…</translation>
    </message>
    <message>
        <source>Ca&amp;ncel order</source>
        <translation>指令を取消(&amp;N)</translation>
    </message>
    <message>
        <source>Res&amp;tore</source>
        <translation>元に戻す(&amp;T)</translation>
    </message>
    <message>
        <source>Undo what the order changed: put its devices back as they were</source>
        <translation>指令による変更を元に戻し、機器を以前の状態に戻す</translation>
    </message>
    <message>
        <source>Denied: %1</source>
        <translation>却下: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) waiting for a supervisor&apos;s approval</source>
        <translation>
            <numerusform>監督者の承認待ちの指令 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>指令 %1</translation>
    </message>
    <message>
        <source>Deny order %1</source>
        <translation>指令 %1 を却下</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>理由:</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>確認済み</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未完了</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>すべての結果</translation>
    </message>
    <message>
        <source>Show targets with this result</source>
        <translation>この結果の対象を表示</translation>
    </message>
    <message>
        <source>Device or street contains…</source>
        <translation>機器または通りを含む…</translation>
    </message>
    <message>
        <source>Pick &amp;failed on map</source>
        <translation>失敗分を地図で選択(&amp;F)</translation>
    </message>
    <message>
        <source>Put the failed targets on the map as the picked devices (Ctrl+K commands them)</source>
        <translation>失敗した対象を地図上の選択機器にします（Ctrl+K で指令）</translation>
    </message>
    <message>
        <source>Retr&amp;y failed…</source>
        <translation>失敗分を再試行(&amp;Y)…</translation>
    </message>
    <message>
        <source>Open the command dialog with the failed targets and the same commands</source>
        <translation>失敗した対象と同じ指令で指令ダイアログを開きます</translation>
    </message>
    <message>
        <source>Targets of the order</source>
        <translation>指令の対象</translation>
    </message>
    <message>
        <source>No order selected</source>
        <translation>指令が選択されていません</translation>
    </message>
    <message numerus="yes">
        <source>Order %1: %n target(s)</source>
        <translation>
            <numerusform>指令 %1: 対象 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an order in the list first.</source>
        <translation>まず一覧で指令を選択してください。</translation>
    </message>
    <message>
        <source>No target of this order has failed.</source>
        <translation>この指令で失敗した対象はありません。</translation>
    </message>
    <message>
        <source>This order is not waiting for approval.</source>
        <translation>この指令は承認待ちではありません。</translation>
    </message>
    <message>
        <source>You requested this order: a second person must approve it.</source>
        <translation>この指令はあなたの要求です: 別の人が承認する必要があります。</translation>
    </message>
    <message>
        <source>Approve the order: its devices are reserved and the commands go out</source>
        <translation>指令を承認: 機器が予約され、指令が送信されます</translation>
    </message>
    <message>
        <source>Refuse the order, with a reason</source>
        <translation>理由を添えて指令を拒否します</translation>
    </message>
    <message>
        <source>This order has finished.</source>
        <translation>この指令は終了しています。</translation>
    </message>
    <message>
        <source>Only %1, who requested it, or a supervisor may cancel this order.</source>
        <translation>この指令を取り消せるのは要求者の %1 か監督者のみです。</translation>
    </message>
    <message>
        <source>Stop everything of the order not yet sent</source>
        <translation>まだ送信されていない指令をすべて止めます</translation>
    </message>
    <message>
        <source>Nothing of this order was carried out, so there is nothing to undo.</source>
        <translation>この指令は何も実行されていないため、元に戻すものはありません。</translation>
    </message>
    <message>
        <source>This order was requested at console %1: it is approved or refused there.</source>
        <translation>この指令はコンソール %1 で要求されました。承認・却下はそのコンソールで行います。</translation>
    </message>
    <message>
        <source>This order was requested at console %1: it is cancelled there.</source>
        <translation>この指令はコンソール %1 で要求されました。取り消しはそのコンソールで行います。</translation>
    </message>
    <message>
        <source>Past its expiry: %1 has not ended it; its devices are free</source>
        <translation>有効期限切れ：%1 が終了していません。機器は解放されています</translation>
    </message>
    <message>
        <source>Re&amp;lease here…</source>
        <translation>ここで解放(&amp;L)…</translation>
    </message>
    <message>
        <source>Only another console&apos;s order is released here; this console&apos;s own is cancelled.</source>
        <translation>ここで解放できるのは他のコンソールの指令だけです。このコンソール自身の指令は取り消してください。</translation>
    </message>
    <message>
        <source>Already released here by %1.</source>
        <translation>%1 がすでにここで解放しました。</translation>
    </message>
    <message>
        <source>This order holds no device here.</source>
        <translation>この指令はここで機器を保持していません。</translation>
    </message>
    <message>
        <source>Release order %1 here</source>
        <translation>指令 %1 をここで解放</translation>
    </message>
    <message>
        <source>This console does not hear the broker now: whether %1 is still gone is not known.</source>
        <translation>このコンソールは現在ブローカーに接続していません: %1 がまだ不在かどうか分かりません。</translation>
    </message>
    <message>
        <source>%1: its devices stay held here until the order expires or a supervisor releases them</source>
        <translation>%1: 指令の期限切れか監督者の解放まで、その機器はここで保持されたままです</translation>
    </message>
    <message>
        <source>Console %1 is on the broker (or not known to be gone or out of the keyring): it still works this order.</source>
        <translation>コンソール %1 はブローカー上にいます(不在または鍵束外と分かっていません): この指令はまだそこで処理されています。</translation>
    </message>
    <message>
        <source>Free the devices this order holds here for a console that cannot end it, with a reason (recorded)</source>
        <translation>指令を終了できないコンソールのためにこの指令がここで保持している機器を、理由を付けて解放します(記録されます)</translation>
    </message>
    <message numerus="yes">
        <source>%1 and cannot end order %2. Releasing it lets this console order its %n device(s); commands it already sent may still act until %3. If %4 comes back, its order holds them again.

Reason (recorded):</source>
        <translation>
            <numerusform>%1。そのため指令 %2 を終了できません。解放すると、このコンソールからその %n 台の機器に指令できます。すでに送信されたコマンドは %3 まで作動する可能性があります。%4 が戻ると、その指令が再び機器を保持します。

理由(記録されます):</numerusform>
        </translation>
    </message>
    <message>
        <source>Released here by %1 while %2: %3</source>
        <translation>%1 がここで解放(%2): %3</translation>
    </message>
    <message>
        <source> — its devices are held for it again while this console does not hear the broker</source>
        <translation> — このコンソールがブローカーに接続していない間、その機器は再び保持されます</translation>
    </message>
</context>
<context>
    <name>cityops::OrderTargetModel</name>
    <message>
        <source>Device</source>
        <translation>機器</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>試行</translation>
    </message>
</context>
<context>
    <name>cityops::PasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>パスワードの変更</translation>
    </message>
    <message>
        <source>Your current password, then the new one twice (at least %1 characters; your directory may ask for more).</source>
        <translation>現在のパスワードと、新しいパスワードを2回入力してください（%1文字以上。ディレクトリがさらに求めることがあります）。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>現在のパスワード</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新しいパスワード</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>新しいパスワード（確認）</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>パスワードを設定</translation>
    </message>
    <message>
        <source>Type your name.</source>
        <translation>名前を入力してください。</translation>
    </message>
    <message>
        <source>The two new passwords differ: type the new one twice again.</source>
        <translation>二つの新しいパスワードが一致しません。もう一度2回入力してください。</translation>
    </message>
    <message>
        <source>Asking the directory…</source>
        <translation>ディレクトリに問い合わせ中…</translation>
    </message>
</context>
<context>
    <name>cityops::PeopleDialog</name>
    <message>
        <source>People</source>
        <translation>利用者</translation>
    </message>
    <message>
        <source>The people of this console&apos;s user directory, as a sign-in would find them now.</source>
        <translation>このコンソールのユーザーディレクトリの利用者（今サインインしたときの状態）。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Districts</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>ロック解除(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Reset password for one use…</source>
        <translation>一回限りのパスワードに再設定(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>無効にする(&amp;D)</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>無効</translation>
    </message>
    <message>
        <source>locked until %1</source>
        <translation>%1 までロック中</translation>
    </message>
    <message numerus="yes">
        <source>%n failed sign-in(s)</source>
        <comment>in a row</comment>
        <translation>
            <numerusform>サインイン失敗 %n 回</numerusform>
        </translation>
    </message>
    <message>
        <source>to set their own password</source>
        <translation>本人がパスワードを設定する必要あり</translation>
    </message>
    <message>
        <source>active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>The user directory cannot be read: %1</source>
        <translation>ユーザーディレクトリを読み取れません: %1</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>有効にする(&amp;E)</translation>
    </message>
    <message>
        <source>Your own account: change your password with Session ▸ Change my password.</source>
        <translation>ご自身のアカウントです。パスワードは［セッション］▸［パスワードを変更］で変更してください。</translation>
    </message>
    <message>
        <source>Resetting a password, disabling and enabling need an administrator.</source>
        <translation>パスワードの再設定、無効化、有効化には管理者が必要です。</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>実行されませんでした: %1</translation>
    </message>
    <message>
        <source>%1 is unlocked.</source>
        <translation>%1 のロックを解除しました。</translation>
    </message>
    <message>
        <source>%1 is disabled: nobody signs in as %1 until the account is enabled again.</source>
        <translation>%1 を無効にしました。アカウントが再び有効になるまで、誰も %1 としてサインインできません。</translation>
    </message>
    <message>
        <source>%1 is enabled again.</source>
        <translation>%1 を再び有効にしました。</translation>
    </message>
    <message>
        <source>Resetting %1&apos;s password</source>
        <translation>%1 のパスワードの再設定</translation>
    </message>
    <message>
        <source>The record names you as having set %1&apos;s password: %2, enter your password again.</source>
        <translation>記録には、%1 のパスワードを設定したのはあなただと残ります。%2 さん、パスワードをもう一度入力してください。</translation>
    </message>
    <message>
        <source>%1&apos;s password is reset for one use.</source>
        <translation>%1 のパスワードを一回限りのものに再設定しました。</translation>
    </message>
    <message>
        <source>Their approval key stays sealed with the old password: make them a new one (cityops-admin approver remove, then add) before they approve anything.</source>
        <translation>承認キーは古いパスワードで封印されたままです。承認を行う前に新しいキーを作成してください（cityops-admin approver remove のあと add）。</translation>
    </message>
    <message>
        <source>password for one use expired</source>
        <translation>一回限りのパスワードの期限切れ</translation>
    </message>
    <message>
        <source>to set their own password by %1</source>
        <translation>%1 までに本人がパスワードを設定する必要あり</translation>
    </message>
    <message>
        <source>&lt;p&gt;Temporary password for %1:&lt;/p&gt;&lt;p style=&quot;font-family: monospace; font-size: 20pt&quot;&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Give it to %1 in person. It signs nobody in: on the sign-in card it lets %1 set their own password, then sign in with it — within %3 hours. It is not shown again.&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1 の一時パスワード:&lt;/p&gt;&lt;p style=&quot;font-family: monospace; font-size: 20pt&quot;&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%1 さんに直接渡してください。このパスワードでは誰もサインインできません。サインインカードで %1 さんが %3 時間以内に自分のパスワードを設定し、それでサインインします。再表示はされません。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Nobody&apos;s sign-in has failed at this machine&apos;s consoles lately. The people and their roles are the city directory&apos;s: disable an account or reset a password there.</source>
        <translation>最近、この端末のコンソールでサインインに失敗した人はいません。人と役割は市のディレクトリのものです。アカウントの無効化やパスワードのリセットはそちらで行ってください。</translation>
    </message>
    <message>
        <source>The people whose sign-ins failed at this machine&apos;s consoles, as a sign-in here would find them now. Their accounts are the city directory&apos;s: disable one or reset a password there.</source>
        <translation>この端末のコンソールでサインインに失敗した人（今ここでサインインした場合の状態）。アカウントは市のディレクトリのものです。無効化やパスワードのリセットはそちらで行ってください。</translation>
    </message>
    <message>
        <source>What the directory grants them cannot be read now: %1</source>
        <translation>ディレクトリがこの人たちに与える権限を今は読めません: %1</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>未取得</translation>
    </message>
    <message>
        <source>none at this console</source>
        <translation>このコンソールでは権限なし</translation>
    </message>
    <message>
        <source>not in the directory</source>
        <translation>ディレクトリにない</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>読み込み中…</translation>
    </message>
</context>
<context>
    <name>cityops::RecordCheckRunner</name>
    <message>
        <source>The record could not be checked: %1.</source>
        <translation>記録を検証できませんでした: %1。</translation>
    </message>
    <message>
        <source>(their signatures not checked: no key)</source>
        <translation>(鍵がないため署名は未検証)</translation>
    </message>
    <message>
        <source>signed with this console&apos;s key</source>
        <translation>このコンソールの鍵で署名済み</translation>
    </message>
    <message>
        <source>The record is intact: %L1 events chained, %L2 checkpoints %3; %4.</source>
        <translation>記録は無傷です: イベント %L1 件がチェーン済み、チェックポイント %L2 件 %3。%4。</translation>
    </message>
    <message>
        <source>The record is intact as far as it can tell: %1; %2.</source>
        <translation>確認できる範囲で記録は無傷です: %1。%2。</translation>
    </message>
    <message>
        <source>The record is NOT intact: %1. Keep the file as it is and check it with cityops-export verify.</source>
        <translation>記録は無傷ではありません: %1。ファイルをそのまま保管し、cityops-export verify で検証してください。</translation>
    </message>
    <message>
        <source>The check of the record was stopped at %1 %, before its verdict.</source>
        <translation>記録の検査は判定の前に %1 % で中止されました。</translation>
    </message>
    <message>
        <source>The record&apos;s events are intact (%1), but its snapshots could not be checked: %2.</source>
        <translation>記録のイベントは改ざんされていません（%1）が、スナップショットは検査できませんでした: %2。</translation>
    </message>
</context>
<context>
    <name>cityops::ReleaseBeforeClose</name>
    <message>
        <source>Close CityOps</source>
        <translation>CityOps を閉じる</translation>
    </message>
    <message>
        <source>Releasing the signals the green waves held</source>
        <translation>緑の波が保持していた信号を解放しています</translation>
    </message>
    <message>
        <source>Close &amp;now</source>
        <translation>今すぐ閉じる(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Keep running</source>
        <translation>動かし続ける(&amp;K)</translation>
    </message>
    <message>
        <source>The releases are being asked for.</source>
        <translation>解放を要求しています。</translation>
    </message>
    <message>
        <source>The console closes once the field reports every junction the green waves held back on its program. %1 Close now to leave them to their controllers (released within 3 min).</source>
        <translation>緑の波が保持していたすべての交差点が現場の報告で通常のプログラムに戻ると、コンソールは閉じます。%1 今すぐ閉じると、それらは各制御機に任されます（3 分以内に解放）。</translation>
    </message>
    <message numerus="yes">
        <source>%n signal(s) still pre-empted: %1.</source>
        <translation>
            <numerusform>まだ優先制御中の信号 %n 基: %1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::ReplayBar</name>
    <message>
        <source>Operator actions around the replay time</source>
        <translation>リプレイ時刻前後の操作員の操作</translation>
    </message>
    <message>
        <source>◀◀ Incident</source>
        <translation>◀◀ インシデント</translation>
    </message>
    <message>
        <source>Previous incident (Page Up)</source>
        <translation>前のインシデント (Page Up)</translation>
    </message>
    <message>
        <source>−1 min</source>
        <translation>−1 分</translation>
    </message>
    <message>
        <source>Back one minute (Shift+Left)</source>
        <translation>1 分戻る (Shift+←)</translation>
    </message>
    <message>
        <source>−10 s</source>
        <translation>−10 秒</translation>
    </message>
    <message>
        <source>Back ten seconds (Left)</source>
        <translation>10 秒戻る (←)</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>再生</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>再生 / 一時停止 (Space)</translation>
    </message>
    <message>
        <source>+10 s</source>
        <translation>+10 秒</translation>
    </message>
    <message>
        <source>Forward ten seconds (Right)</source>
        <translation>10 秒進む (→)</translation>
    </message>
    <message>
        <source>+1 min</source>
        <translation>+1 分</translation>
    </message>
    <message>
        <source>Forward one minute (Shift+Right)</source>
        <translation>1 分進む (Shift+→)</translation>
    </message>
    <message>
        <source>Incident ▶▶</source>
        <translation>インシデント ▶▶</translation>
    </message>
    <message>
        <source>Next incident (Page Down)</source>
        <translation>次のインシデント (Page Down)</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>再生速度</translation>
    </message>
    <message>
        <source>Go to:</source>
        <translation>移動:</translation>
    </message>
    <message>
        <source>Return to live</source>
        <translation>ライブに戻る</translation>
    </message>
    <message>
        <source>Leave replay (Ctrl+L)</source>
        <translation>リプレイを終了 (Ctrl+L)</translation>
    </message>
    <message>
        <source>REPLAY — %1 — %2</source>
        <translation>リプレイ — %1 — %2</translation>
    </message>
    <message>
        <source>playing %1</source>
        <translation>再生中 %1</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>No operator actions within 30 minutes</source>
        <translation>前後 30 分に操作員の操作はありません</translation>
    </message>
    <message>
        <source>15:30 or 2026-11-22 15:30</source>
        <translation>15:30 または 2026-11-22 15:30</translation>
    </message>
    <message>
        <source>Type a time (city time) and press Enter to go there: 15:30, 15:30:20, or with a date</source>
        <translation>時刻（都市の時刻）を入力して Enter で移動: 15:30、15:30:20、または日付付き</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time: type 15:30, 15:30:20 or 2026-11-22 15:30</source>
        <translation>「%1」は時刻ではありません: 15:30、15:30:20、2026-11-22 15:30 のように入力してください</translation>
    </message>
    <message>
        <source>Who did what (within 30 min)</source>
        <translation>誰が何をしたか（前後30分）</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy  HH:mm:ss</source>
        <comment>date format: each language its own order</comment>
        <translation>yyyy年M月d日(ddd)  HH:mm:ss</translation>
    </message>
</context>
<context>
    <name>cityops::StatusLine</name>
    <message>
        <source>%1 events/s</source>
        <translation>%1 イベント/秒</translation>
    </message>
    <message>
        <source>%1 events dropped (queue full)</source>
        <translation>%1 件のイベントを破棄（キュー満杯）</translation>
    </message>
    <message>
        <source>NOT RECORDING: %1</source>
        <translation>記録停止中: %1</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>記録中</translation>
    </message>
    <message>
        <source>Not recording</source>
        <translation>記録していません</translation>
    </message>
    <message>
        <source>Not recording: %1</source>
        <translation>記録していません: %1</translation>
    </message>
    <message>
        <source>ddd d MMM  HH:mm:ss </source>
        <comment>date format: each language its own order</comment>
        <translation>M月d日(ddd)  HH:mm:ss </translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) not reporting</source>
        <translation>
            <numerusform>%n 台が応答なし</numerusform>
        </translation>
    </message>
    <message>
        <source>Link: %1 — %2</source>
        <translation>リンク: %1 — %2</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) refused</source>
        <translation>
            <numerusform>%n 件のメッセージを拒否</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) lost, fresh state asked</source>
        <translation>
            <numerusform>%n 件の報告が欠落、最新状態を要求済み</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n send(s) failed</source>
        <translation>
            <numerusform>%n 件の送信に失敗</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n command(s) waiting for the broker</source>
        <translation>
            <numerusform>ブローカー待ちの指令 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) of other consoles refused</source>
        <translation>
            <numerusform>他のコンソールのメッセージ %n 件を拒否</numerusform>
        </translation>
    </message>
    <message>
        <source>Refused: %1 malformed, %2 oversized, %3 unknown version, %4 unknown device, %5 wrong kind
Duplicates dropped: %6 · clock off (stamped on arrival): %7 · reconnections: %8
Commands sent: %9 · answers: %10 · answers to nothing sent or to a repeated copy: %11
Shared with other consoles: %12 · received from them: %13</source>
        <translation>拒否: 不正形式 %1、サイズ超過 %2、未知のバージョン %3、未知の機器 %4、種類不一致 %5
重複破棄: %6 · 時刻ずれ（受信時刻で記録）: %7 · 再接続: %8
送信した指令: %9 · 応答: %10 · 送っていない指令や重複コピーへの応答: %11
他の卓と共有: %12 · 他の卓から受信: %13</translation>
    </message>
    <message>
        <source>Gateways refused (not on --gateways, or more than the link keeps track of): %1</source>
        <translation>拒否したゲートウェイ（--gateways にない、または上限超過）: %1</translation>
    </message>
    <message>
        <source>Other consoles&apos; operations and statuses refused: %1 not signed by a console in the keyring · %2 copies or stale · %3 not allowed by this console&apos;s directory</source>
        <translation>拒否した他のコンソールの操作と状態: 鍵束のコンソールの署名なし %1 · 複製または古いもの %2 · このコンソールのディレクトリで許可されないもの %3</translation>
    </message>
    <message>
        <source>Recording once the store is checked…</source>
        <translation>記録ファイルの確認後に記録を開始…</translation>
    </message>
    <message>
        <source>Console keyring not believed</source>
        <translation>コンソール鍵束を信頼できません</translation>
    </message>
    <message>
        <source>Console keyring: %1 — other consoles&apos; operations are refused until it is mended</source>
        <translation>コンソール鍵束: %1 — 直るまで他のコンソールの操作は拒否されます</translation>
    </message>
    <message numerus="yes">
        <source>%n gateway report(s) refused: not theirs</source>
        <translation>
            <numerusform>ゲートウェイの報告 %n 件を拒否: 担当外</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n gateway(s) gone</source>
        <translation>
            <numerusform>ゲートウェイ %n 台が停止</numerusform>
        </translation>
    </message>
    <message>
        <source>Field gateways:</source>
        <translation>現場ゲートウェイ:</translation>
    </message>
    <message>
        <source>whole city</source>
        <translation>市全域</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2) — running, %n device(s)</source>
        <translation>
            <numerusform>%1 (%2) — 稼働中、機器 %n 台</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2) — GONE, last heard %3</source>
        <translation>%1 (%2) — 停止、最終受信 %3</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2) — no status heard, %n device(s)</source>
        <translation>
            <numerusform>%1 (%2) — ステータス未受信、機器 %n 台</numerusform>
        </translation>
    </message>
    <message>
        <source>Gateways&apos; reports refused as not theirs (another gateway&apos;s device, incident or vehicle, or outside their districts): %1</source>
        <translation>担当外として拒否したゲートウェイの報告 (他のゲートウェイの機器、インシデントや車両、または担当地区外): %1</translation>
    </message>
    <message>
        <source>Link: %1</source>
        <translation>リンク: %1</translation>
    </message>
    <message>
        <source>Console %1 sent its last operations %2 behind this desk&apos;s clock</source>
        <translation>コンソール %1 は直近の操作をこの卓の時計より %2 遅れて送信しました</translation>
    </message>
    <message>
        <source>Console %1 sent its last operations %2 ahead of this desk&apos;s clock</source>
        <translation>コンソール %1 は直近の操作をこの卓の時計より %2 進んで送信しました</translation>
    </message>
    <message>
        <source>: they are refused here (operations count within %1 s of it), and the two desks do not share what they do until the clocks agree — set them (NTP)</source>
        <translation>: ここでは拒否されます（操作は %1 秒以内のみ有効）。時計が一致するまで両卓は操作を共有しません — 時計を合わせてください (NTP)</translation>
    </message>
    <message numerus="yes">
        <source>operations of %n console(s) refused for this desk&apos;s clock</source>
        <translation>
            <numerusform>この卓の時計のため %n 台のコンソールの操作を拒否</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (+%n more)</source>
        <translation>
            <numerusform>（他 %n 件）</numerusform>
        </translation>
    </message>
    <message>
        <source>, holds %1: give it this console&apos;s (consoles.json, approvers.json)</source>
        <translation>、%1を持っています: このコンソールのもの（consoles.json、approvers.json）を渡してください</translation>
    </message>
    <message>
        <source>Other consoles:</source>
        <translation>他のコンソール:</translation>
    </message>
    <message>
        <source>%1 holds %2: give both desks the same (consoles.json, approvers.json)</source>
        <translation>%1 は%2を持っています: 両方のデスクに同じもの（consoles.json、approvers.json）を渡してください</translation>
    </message>
    <message>
        <source>Recording · disk full in %1</source>
        <translation>記録中 · ディスク満杯まで %1</translation>
    </message>
    <message>
        <source>Recording · %1 left on its disk</source>
        <translation>記録中 · ディスク残り %1</translation>
    </message>
    <message>
        <source>The recording&apos;s disk has %1 left and fills by %2 an hour.</source>
        <translation>記録用ディスクの残りは %1 で、1 時間に %2 ずつ埋まっています。</translation>
    </message>
    <message>
        <source>The recording&apos;s disk has %1 left.</source>
        <translation>記録用ディスクの残りは %1 です。</translation>
    </message>
    <message>
        <source>Make room on it, or keep fewer days (--retain-days): once it is full, nothing more is recorded.</source>
        <translation>空きを作るか、保存日数を減らしてください（--retain-days）。満杯になると以後は記録されません。</translation>
    </message>
    <message numerus="yes">
        <source>Recording · %Ln event(s) lost</source>
        <translation>
            <numerusform>記録中 · %Ln 件のイベントを失いました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) lost</source>
        <translation>
            <numerusform>%Ln 件のイベントを失いました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) since this console started could not be recorded (its disk full, or its recording too far behind): the record has a gap there, which a replay shows and the record&apos;s check names.</source>
        <translation>
            <numerusform>このコンソールの起動以降、%Ln 件のイベントを記録できませんでした（ディスクが満杯、または記録が大きく遅れていた）：記録にはそこに欠落があり、再生で表示され、記録の検査がそれを示します。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 not recording</source>
        <translation>%1 記録停止</translation>
    </message>
    <message>
        <source>%1 recording at risk</source>
        <translation>%1 記録に危険</translation>
    </message>
    <message>
        <source>%1 records nothing (%2): what is done there is not in the room&apos;s record until it is mended</source>
        <translation>%1 は何も記録していません（%2）：直るまで、そこで行われたことは室の記録に残りません</translation>
    </message>
    <message>
        <source>its store did not say why</source>
        <translation>ストアは理由を示していません</translation>
    </message>
    <message>
        <source>%1&apos;s recording is at risk (its disk is low, or it lost events): see its status bar</source>
        <translation>%1 の記録に危険があります（ディスク残量不足、またはイベント欠落）：その卓のステータスバーを確認してください</translation>
    </message>
</context>
<context>
    <name>cityops::TimelineWidget</name>
    <message>
        <source>Replay timeline</source>
        <translation>リプレイタイムライン</translation>
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
        <translation>CityOps ウォール</translation>
    </message>
    <message>
        <source>NOT LIVE — REPLAY %1</source>
        <translation>ライブではありません — リプレイ %1</translation>
    </message>
    <message>
        <source>panel %1,%2 does not show a map</source>
        <translation>パネル %1,%2 は地図を表示していません</translation>
    </message>
    <message>
        <source>this wall has no map tile</source>
        <translation>このウォールには地図タイルがありません</translation>
    </message>
    <message>
        <source>there is no open incident #%1</source>
        <translation>未解決のインシデント #%1 はありません</translation>
    </message>
    <message>
        <source>INCIDENT #%1 · %2</source>
        <translation>インシデント #%1 · %2</translation>
    </message>
    <message>
        <source>there is no device %1</source>
        <translation>機器 %1 はありません</translation>
    </message>
    <message>
        <source>there is no district %1</source>
        <translation>地区 %1 はありません</translation>
    </message>
    <message>
        <source>%1 on the wall for %2 s</source>
        <translation>%1 をウォールに %2 秒表示</translation>
    </message>
    <message>
        <source>OPEN BEFORE %1 NOT SHOWN</source>
        <translation>%1 以前の未完了分は表示されていません</translation>
    </message>
    <message numerus="yes">
        <source>%n RECORDED EVENT(S) UNREADABLE</source>
        <translation>
            <numerusform>読めない記録イベント %n 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::WallFeed</name>
    <message>
        <source>FIELD LINK %1</source>
        <translation>現場リンク %1</translation>
    </message>
    <message>
        <source>NO DATA YET</source>
        <translation>データ未着</translation>
    </message>
    <message>
        <source>NO DATA FOR %1</source>
        <translation>%1 データなし</translation>
    </message>
    <message>
        <source>▲ CLOCK %1 BEHIND THE FIELD&apos;S</source>
        <translation>▲ 時計が現場より %1 遅れ</translation>
    </message>
    <message>
        <source>▲ CLOCK %1 AHEAD OF THE FIELD&apos;S</source>
        <translation>▲ 時計が現場より %1 進み</translation>
    </message>
    <message>
        <source>▲ NOT RECORDING: %1</source>
        <translation>▲ 記録停止: %1</translation>
    </message>
    <message>
        <source>RECORDING DISK FULL IN %1</source>
        <translation>記録ディスクは %1 で満杯</translation>
    </message>
    <message>
        <source>RECORDING DISK: %1 LEFT</source>
        <translation>記録ディスク残り %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln EVENT(S) NOT RECORDED</source>
        <translation>
            <numerusform>%Ln 件のイベントが未記録</numerusform>
        </translation>
    </message>
    <message>
        <source>NOT RECORDING AT %1: %2</source>
        <translation>%1 記録停止: %2</translation>
    </message>
    <message>
        <source>NOT RECORDING AT %1</source>
        <translation>%1 記録停止</translation>
    </message>
    <message>
        <source>RECORDING AT RISK AT %1</source>
        <translation>%1 記録に危険</translation>
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
        <translation>交通量未計測</translation>
    </message>
    <message>
        <source>TRAFFIC NOT YET COUNTED</source>
        <translation>交通量計測待ち</translation>
    </message>
</context>
</TS>
