<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>cityops::AccessControl</name>
    <message numerus="yes">
        <source>no input for %n minute(s)</source>
        <translation>
            <numerusform>no input for %n minute</numerusform>
            <numerusform>no input for %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open incident(s)</source>
        <translation>
            <numerusform>%n open incident</numerusform>
            <numerusform>%n open incidents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unacknowledged alarm(s)</source>
        <translation>
            <numerusform>%n unacknowledged alarm</numerusform>
            <numerusform>%n unacknowledged alarms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) running.</source>
        <translation>
            <numerusform>%n order running.</numerusform>
            <numerusform>%n orders running.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::AlarmPanel</name>
    <message numerus="yes">
        <source>for %n minute(s)</source>
        <translation>
            <numerusform>for %n minute</numerusform>
            <numerusform>for %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>for %n hour(s)</source>
        <translation>
            <numerusform>for %n hour</numerusform>
            <numerusform>for %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ALARM FLOOD: %n new alarm(s) in 10 minutes. Alarms are grouped by cause and district.</source>
        <translation>
            <numerusform>ALARM FLOOD: %n new alarm in 10 minutes. Alarms are grouped by cause and district.</numerusform>
            <numerusform>ALARM FLOOD: %n new alarms in 10 minutes. Alarms are grouped by cause and district.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::AlarmTableModel</name>
    <message numerus="yes">
        <source> (+%n consequential)</source>
        <translation>
            <numerusform> (+%n consequential)</numerusform>
            <numerusform> (+%n consequential)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::Annunciator</name>
    <message numerus="yes">
        <source>%n critical or major incident(s) not acknowledged</source>
        <translation>
            <numerusform>%n critical or major incident not acknowledged</numerusform>
            <numerusform>%n critical or major incidents not acknowledged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n incident(s) past their deadline</source>
        <translation>
            <numerusform>%n incident past its deadline</numerusform>
            <numerusform>%n incidents past their deadline</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n high-priority alarm(s) not acknowledged</source>
        <translation>
            <numerusform>%n high-priority alarm not acknowledged</numerusform>
            <numerusform>%n high-priority alarms not acknowledged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) waiting for your approval</source>
        <translation>
            <numerusform>%n order waiting for your approval</numerusform>
            <numerusform>%n orders waiting for your approval</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) of a console that is gone or out of the keyring hold devices here</source>
        <translation>
            <numerusform>%n order of a console that is gone or out of the keyring holds devices here</numerusform>
            <numerusform>%n orders of consoles that are gone or out of the keyring hold devices here</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::CloseQuestion</name>
    <message numerus="yes">
        <source>%n order(s) under way — %1: results still due will not be followed, and when the console starts again those targets are marked timed out: check their devices.</source>
        <translation>
            <numerusform>%n order under way — %1: results still due will not be followed, and when the console starts again those targets are marked timed out: check their devices.</numerusform>
            <numerusform>%n orders under way — %1: results still due will not be followed, and when the console starts again those targets are marked timed out: check their devices.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n signal(s) it holds are released by their controllers within 3 min — stop the wave first to release them now.</source>
        <translation>
            <numerusform>The %n signal it holds is released by its controller within 3 min — stop the wave first to release it now.</numerusform>
            <numerusform>The %n signals it holds are released by their controllers within 3 min — stop the wave first to release them now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The store is still being checked before anything is written: the console closes once the check is done and the %n event(s) waiting are recorded (minutes, on a store of months).</source>
        <translation>
            <numerusform>The store is still being checked before anything is written: the console closes once the check is done and the %n event waiting is recorded (minutes, on a store of months).</numerusform>
            <numerusform>The store is still being checked before anything is written: the console closes once the check is done and the %n events waiting are recorded (minutes, on a store of months).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) could not be recorded yet (%1): they are lost when the console closes.</source>
        <translation>
            <numerusform>%n event could not be recorded yet (%1): it is lost when the console closes.</numerusform>
            <numerusform>%n events could not be recorded yet (%1): they are lost when the console closes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) waiting for approval — %1: they wait again when the console starts again.</source>
        <translation>
            <numerusform>%n order waiting for approval — %1: it waits again when the console starts again.</numerusform>
            <numerusform>%n orders waiting for approval — %1: they wait again when the console starts again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Stop the green wave(s), then close</source>
        <translation>
            <numerusform>&amp;Stop the green wave, then close</numerusform>
            <numerusform>&amp;Stop the green waves, then close</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::CommandDialog</name>
    <message numerus="yes">
        <source>%n picked device(s) of other kinds left out.</source>
        <translation>
            <numerusform>%n picked device of other kinds left out.</numerusform>
            <numerusform>%n picked devices of other kinds left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unknown device(s): %1</source>
        <translation>
            <numerusform>Unknown device: %1</numerusform>
            <numerusform>Unknown devices: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target(s).</source>
        <translation>
            <numerusform>%n target.</numerusform>
            <numerusform>%n targets.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in that state.</source>
        <translation>
            <numerusform>%n already in that state.</numerusform>
            <numerusform>%n already in that state.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) held — nothing held is sent without a decision:</source>
        <translation>
            <numerusform>%n device held — nothing held is sent without a decision:</numerusform>
            <numerusform>%n devices held — nothing held is sent without a decision:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(and %n more, see the list)</source>
        <translation>
            <numerusform>(and %n more, see the list)</numerusform>
            <numerusform>(and %n more, see the list)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::DetailsPanel</name>
    <message numerus="yes">
        <source>%1 km, %n signal(s) on it</source>
        <translation>
            <numerusform>%1 km, %n signal on it</numerusform>
            <numerusform>%1 km, %n signals on it</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in %2 m, %n vehicle(s) queued before it</source>
        <translation>
            <numerusform>%1 in %2 m, %n vehicle queued before it</numerusform>
            <numerusform>%1 in %2 m, %n vehicles queued before it</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::GreenWaveDialog</name>
    <message numerus="yes">
        <source>%1 km, about %2 at today&apos;s speeds, %n signal(s) on the way — drawn dashed on the map.</source>
        <translation>
            <numerusform>%1 km, about %2 at today&apos;s speeds, %n signal on the way — drawn dashed on the map.</numerusform>
            <numerusform>%1 km, about %2 at today&apos;s speeds, %n signals on the way — drawn dashed on the map.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::HandOverChecklist</name>
    <message numerus="yes">
        <source>%n signal(s) held</source>
        <translation>
            <numerusform>%n signal held</numerusform>
            <numerusform>%n signals held</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open incident(s)</source>
        <translation>
            <numerusform>%n open incident</numerusform>
            <numerusform>%n open incidents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n signal(s) held or pre-empted</source>
        <translation>
            <numerusform>, %n signal held or pre-empted</numerusform>
            <numerusform>, %n signals held or pre-empted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n green wave(s) under way</source>
        <translation>
            <numerusform>, %n green wave under way</numerusform>
            <numerusform>, %n green waves under way</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n shelved or out-of-service alarm(s)</source>
        <translation>
            <numerusform>, %n shelved or out-of-service alarm</numerusform>
            <numerusform>, %n shelved or out-of-service alarms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n running order(s)</source>
        <translation>
            <numerusform>, %n running order</numerusform>
            <numerusform>, %n running orders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::IncidentBoard</name>
    <message numerus="yes">
        <source>INCIDENTS · %n OPEN</source>
        <translation>
            <numerusform>INCIDENTS · %n OPEN</numerusform>
            <numerusform>INCIDENTS · %n OPEN</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>+ %n more</source>
        <translation>
            <numerusform>+ %n more</numerusform>
            <numerusform>+ %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::IncidentPanel</name>
    <message numerus="yes">
        <source>%n open incident(s) — critical %1 · major %2 · minor %3</source>
        <translation>
            <numerusform>%n open incident — critical %1 · major %2 · minor %3</numerusform>
            <numerusform>%n open incidents — critical %1 · major %2 · minor %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n escalated</source>
        <translation>
            <numerusform> · %n escalated</numerusform>
            <numerusform> · %n escalated</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::JournalPanel</name>
    <message numerus="yes">
        <source>%1 of %n line(s) shown</source>
        <translation>
            <numerusform>%1 of %n line shown</numerusform>
            <numerusform>%1 of %n lines shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::Labels</name>
    <message numerus="yes">
        <source>Carried on from the recording without %n event(s) it could not read (the first: %1); what they recorded is not on this desk.</source>
        <translation>
            <numerusform>Carried on from the recording without %n event it could not read (the first: %1); what it recorded is not on this desk.</numerusform>
            <numerusform>Carried on from the recording without %n events it could not read (the first: %1); what they recorded is not on this desk.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The replay goes on without %n recorded event(s) it cannot read (the first: %1).</source>
        <translation>
            <numerusform>The replay goes on without %n recorded event it cannot read (the first: %1).</numerusform>
            <numerusform>The replay goes on without %n recorded events it cannot read (the first: %1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> and %n more</numerusform>
            <numerusform> and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) not recorded over %1: the console could not write them (its disk full, or its recording too far behind) — the record&apos;s check names them</source>
        <translation>
            <numerusform>%Ln event not recorded over %1: the console could not write it (its disk full, or its recording too far behind) — the record&apos;s check names it</numerusform>
            <numerusform>%Ln events not recorded over %1: the console could not write them (its disk full, or its recording too far behind) — the record&apos;s check names them</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::MapSearch</name>
    <message numerus="yes">
        <source>%1 (%n other junction(s) match too: type more of a name)</source>
        <translation>
            <numerusform>%1 (%n other junction matches too: type more of a name)</numerusform>
            <numerusform>%1 (%n other junctions match too: type more of a name)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::OpsConsole</name>
    <message numerus="yes">
        <source>%n device(s) picked — Ctrl+K commands them, Esc clears</source>
        <translation>
            <numerusform>%n device picked — Ctrl+K commands them, Esc clears</numerusform>
            <numerusform>%n devices picked — Ctrl+K commands them, Esc clears</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Shed %n feeder(s), least critical first, and restore them after (minutes):</source>
        <translation>
            <numerusform>Shed %n feeder, least critical first, and restore them after (minutes):</numerusform>
            <numerusform>Shed %n feeders, least critical first, and restore them after (minutes):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 is on its way (%2 km); green wave over %n signal(s), pre-approved by %3</source>
        <translation>
            <numerusform>%1 is on its way (%2 km); green wave over %n signal, pre-approved by %3</numerusform>
            <numerusform>%1 is on its way (%2 km); green wave over %n signals, pre-approved by %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Green wave for %1 over: it arrived %2 after setting off (planned %3), with %n stop(s) on the way</source>
        <translation>
            <numerusform>Green wave for %1 over: it arrived %2 after setting off (planned %3), with %n stop on the way</numerusform>
            <numerusform>Green wave for %1 over: it arrived %2 after setting off (planned %3), with %n stops on the way</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Green wave for %1 over: it parked %2 m from where it was sent, %3 after setting off (planned %4), with %n stop(s) on the way</source>
        <translation>
            <numerusform>Green wave for %1 over: it parked %2 m from where it was sent, %3 after setting off (planned %4), with %n stop on the way</numerusform>
            <numerusform>Green wave for %1 over: it parked %2 m from where it was sent, %3 after setting off (planned %4), with %n stops on the way</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n signal(s) pre-empted and released</source>
        <translation>
            <numerusform>%n signal pre-empted and released</numerusform>
            <numerusform>%n signals pre-empted and released</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Green wave for %1 stopped by %2; %n signal(s) released</source>
        <translation>
            <numerusform>Green wave for %1 stopped by %2; %n signal released</numerusform>
            <numerusform>Green wave for %1 stopped by %2; %n signals released</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The earlier green wave for %1 ends: its %n held signal(s) go to the new one (released there if not on the new route)</source>
        <translation>
            <numerusform>The earlier green wave for %1 ends: its %n held signal goes to the new one (released there if not on the new route)</numerusform>
            <numerusform>The earlier green wave for %1 ends: its %n held signals go to the new one (released there if not on the new route)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n signal(s) held</source>
        <translation>
            <numerusform>%1 — %n signal held</numerusform>
            <numerusform>%1 — %n signals held</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n held)</source>
        <translation>
            <numerusform>%1 (%n held)</numerusform>
            <numerusform>%1 (%n held)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::OrderPanel</name>
    <message numerus="yes">
        <source>%n order(s) waiting for a supervisor&apos;s approval</source>
        <translation>
            <numerusform>%n order waiting for a supervisor&apos;s approval</numerusform>
            <numerusform>%n orders waiting for a supervisor&apos;s approval</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Order %1: %n target(s)</source>
        <translation>
            <numerusform>Order %1: %n target</numerusform>
            <numerusform>Order %1: %n targets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and cannot end order %2. Releasing it lets this console order its %n device(s); commands it already sent may still act until %3. If %4 comes back, its order holds them again.

Reason (recorded):</source>
        <translation>
            <numerusform>%1 and cannot end order %2. Releasing it lets this console order its %n device; commands it already sent may still act until %3. If %4 comes back, its order holds it again.

Reason (recorded):</numerusform>
            <numerusform>%1 and cannot end order %2. Releasing it lets this console order its %n devices; commands it already sent may still act until %3. If %4 comes back, its order holds them again.

Reason (recorded):</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::PeopleDialog</name>
    <message numerus="yes">
        <source>%n failed sign-in(s)</source>
        <comment>in a row</comment>
        <translation>
            <numerusform>%n failed sign-in</numerusform>
            <numerusform>%n failed sign-ins</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::ReleaseBeforeClose</name>
    <message numerus="yes">
        <source>%n signal(s) still pre-empted: %1.</source>
        <translation>
            <numerusform>%n signal still pre-empted: %1.</numerusform>
            <numerusform>%n signals still pre-empted: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::StatusLine</name>
    <message numerus="yes">
        <source>%n device(s) not reporting</source>
        <translation>
            <numerusform>%n device not reporting</numerusform>
            <numerusform>%n devices not reporting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) refused</source>
        <translation>
            <numerusform>%n message refused</numerusform>
            <numerusform>%n messages refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) lost, fresh state asked</source>
        <translation>
            <numerusform>%n report lost, fresh state asked</numerusform>
            <numerusform>%n reports lost, fresh state asked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n send(s) failed</source>
        <translation>
            <numerusform>%n send failed</numerusform>
            <numerusform>%n sends failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n command(s) waiting for the broker</source>
        <translation>
            <numerusform>%n command waiting for the broker</numerusform>
            <numerusform>%n commands waiting for the broker</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) of other consoles refused</source>
        <translation>
            <numerusform>%n message of other consoles refused</numerusform>
            <numerusform>%n messages of other consoles refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n gateway report(s) refused: not theirs</source>
        <translation>
            <numerusform>%n gateway report refused: not theirs</numerusform>
            <numerusform>%n gateway reports refused: not theirs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n gateway(s) gone</source>
        <translation>
            <numerusform>%n gateway gone</numerusform>
            <numerusform>%n gateways gone</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2) — running, %n device(s)</source>
        <translation>
            <numerusform>%1 (%2) — running, %n device</numerusform>
            <numerusform>%1 (%2) — running, %n devices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2) — no status heard, %n device(s)</source>
        <translation>
            <numerusform>%1 (%2) — no status heard, %n device</numerusform>
            <numerusform>%1 (%2) — no status heard, %n devices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>operations of %n console(s) refused for this desk&apos;s clock</source>
        <translation>
            <numerusform>operations of %n console refused for this desk&apos;s clock</numerusform>
            <numerusform>operations of %n consoles refused for this desk&apos;s clock</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (+%n more)</source>
        <translation>
            <numerusform> (+%n more)</numerusform>
            <numerusform> (+%n more)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recording · %Ln event(s) lost</source>
        <translation>
            <numerusform>Recording · %Ln event lost</numerusform>
            <numerusform>Recording · %Ln events lost</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) lost</source>
        <translation>
            <numerusform>%Ln event lost</numerusform>
            <numerusform>%Ln events lost</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) since this console started could not be recorded (its disk full, or its recording too far behind): the record has a gap there, which a replay shows and the record&apos;s check names.</source>
        <translation>
            <numerusform>%Ln event since this console started could not be recorded (its disk full, or its recording too far behind): the record has a gap there, which a replay shows and the record&apos;s check names.</numerusform>
            <numerusform>%Ln events since this console started could not be recorded (its disk full, or its recording too far behind): the record has a gap there, which a replay shows and the record&apos;s check names.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::VideoWall</name>
    <message numerus="yes">
        <source>%n RECORDED EVENT(S) UNREADABLE</source>
        <translation>
            <numerusform>%n RECORDED EVENT UNREADABLE</numerusform>
            <numerusform>%n RECORDED EVENTS UNREADABLE</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cityops::WallFeed</name>
    <message numerus="yes">
        <source>%Ln EVENT(S) NOT RECORDED</source>
        <translation>
            <numerusform>%Ln EVENT NOT RECORDED</numerusform>
            <numerusform>%Ln EVENTS NOT RECORDED</numerusform>
        </translation>
    </message>
</context>
</TS>
