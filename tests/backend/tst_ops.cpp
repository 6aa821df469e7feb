// Incident lifecycle per role and district, SLA escalation, ISA-18.2 alarms: raise/return/acknowledge, shelving
// with expiry, out of service, flood grouping and consequential suppression behind a tripped feeder.
#include "state/alarmsummary.h"
#include "ops/opsrules.h"
#include "link/wireprotocol.h"
#include "opstesting.h"

#include <QTest>

using namespace cityops;
using namespace cityops::test;

class TestOps : public QObject {
    Q_OBJECT

    static IncidentRaisedPayload raised(IncidentId id, IncidentSeverity severity, int district)
    {
        IncidentRaisedPayload p;
        p.id = id;
        p.kind = IncidentKind::Collision;
        p.severity = severity;
        p.position = fixtureCity()->bounds.center();
        p.district = district;
        return p;
    }

    /// Brings incident `id` to `state` through the lifecycle as an administrator.
    static void bringTo(OpsBench &b, IncidentId id, IncidentState state)
    {
        const Actor admin = actor(QStringLiteral("admin"), Role::Admin);
        using S = IncidentState;
        const std::map<S, std::vector<S>> path{{S::New, {}},
                                               {S::Acknowledged, {S::Acknowledged}},
                                               {S::Dispatched, {S::Dispatched}},
                                               {S::OnScene, {S::Dispatched, S::OnScene}},
                                               {S::Resolved, {S::Dispatched, S::OnScene, S::Resolved}},
                                               {S::Closed, {S::Dispatched, S::OnScene, S::Resolved, S::Closed}}};
        for (S step : path.at(state))
            QVERIFY2(b.ask(admin, request::TransitionIncident{id, step, {}}).ok(), qPrintable(incidentStateName(step)));
        QCOMPARE(b.pipeline.books().incidents().find(id)->state, state);
    }

private Q_SLOTS:
    void lifecycle_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<QString>("who");
        QTest::addColumn<bool>("allowed");
        using S = IncidentState;
        auto row = [](const char *name, S from, S to, const char *who, bool allowed) {
            QTest::newRow(name) << int(from) << int(to) << QString::fromLatin1(who) << allowed;
        };
        row("viewer cannot acknowledge", S::New, S::Acknowledged, "viewer", false);
        row("responder of the district acknowledges", S::New, S::Acknowledged, "responder-here", true);
        row("responder of another district cannot", S::New, S::Acknowledged, "responder-elsewhere", false);
        row("operator acknowledges anywhere", S::New, S::Acknowledged, "operator", true);
        row("responder cannot dispatch", S::New, S::Dispatched, "responder-here", false);
        row("operator dispatches", S::Acknowledged, S::Dispatched, "operator", true);
        row("responder acknowledges the dispatch", S::Dispatched, S::Acknowledged, "responder-here", true);
        row("other district cannot acknowledge the dispatch", S::Dispatched, S::Acknowledged, "responder-elsewhere", false);
        row("responder on scene", S::Dispatched, S::OnScene, "responder-here", true);
        row("other district not on scene", S::Dispatched, S::OnScene, "responder-elsewhere", false);
        row("viewer not on scene", S::Dispatched, S::OnScene, "viewer", false);
        row("responder resolves", S::OnScene, S::Resolved, "responder-here", true);
        row("operator cannot close", S::Resolved, S::Closed, "operator", false);
        row("supervisor closes", S::Resolved, S::Closed, "supervisor", true);
        row("responder cannot close", S::Resolved, S::Closed, "responder-here", false);
        row("operator cannot cancel", S::New, S::Cancelled, "operator", false);
        row("supervisor cancels", S::Acknowledged, S::Cancelled, "supervisor", true);
        row("no skipping to on scene", S::New, S::OnScene, "admin", false);
        row("closed stays closed", S::Closed, S::Acknowledged, "admin", false);
        row("no going back to new", S::Acknowledged, S::New, "admin", false);
    }

    void lifecycle()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(QString, who);
        QFETCH(bool, allowed);
        OpsBench b;
        const int district = 0;
        b.feed(kNoDevice, raised(7, IncidentSeverity::Major, district));
        bringTo(b, 7, IncidentState(from));
        const std::map<QString, Actor> actors{
            {QStringLiteral("viewer"), actor(QStringLiteral("wall"), Role::Viewer)},
            {QStringLiteral("responder-here"), actor(QStringLiteral("rita"), Role::Responder, {district})},
            {QStringLiteral("responder-elsewhere"), actor(QStringLiteral("otto"), Role::Responder, {district + 1})},
            {QStringLiteral("operator"), actor(QStringLiteral("olga"), Role::Operator)},
            {QStringLiteral("supervisor"), actor(QStringLiteral("sven"), Role::Supervisor)},
            {QStringLiteral("admin"), actor(QStringLiteral("admin"), Role::Admin)}};
        const Actor &a = actors.at(who);
        const Incident before = *b.pipeline.books().incidents().find(7);
        const auto result = b.ask(a, request::TransitionIncident{7, IncidentState(to), QStringLiteral("via test")});
        QCOMPARE(result.ok(), allowed);
        const Incident after = *b.pipeline.books().incidents().find(7);
        if (!allowed) {
            QVERIFY(!result.error().isEmpty());
            QCOMPARE(after.state, before.state);
            QCOMPARE(after.history.size(), before.history.size());
            if (who == QLatin1String("responder-elsewhere"))
                QVERIFY2(result.error().contains(QLatin1String("own districts")), qPrintable(result.error()));
            return;
        }
        // Who and when, on every transition.
        QCOMPARE(after.history.size(), before.history.size() + 1);
        QCOMPARE(after.history.back().user, a.user);
        QCOMPARE(after.history.back().timeMs, b.now);
        QCOMPARE(after.history.back().text, QStringLiteral("via test"));
        if (IncidentState(to) == IncidentState::Acknowledged) {
            QCOMPARE(after.acknowledgedBy, a.user);
            QCOMPARE(after.state, before.state == IncidentState::Dispatched ? IncidentState::Dispatched : IncidentState::Acknowledged);
        } else {
            QCOMPARE(int(after.state), to);
        }
    }

    void secondAcknowledgementRefused()
    {
        OpsBench b;
        b.feed(kNoDevice, raised(3, IncidentSeverity::Minor, 0));
        QVERIFY(b.ask(actor("olga", Role::Operator), request::TransitionIncident{3, IncidentState::Dispatched}).ok());
        QVERIFY(b.ask(actor("rita", Role::Responder, {0}), request::TransitionIncident{3, IncidentState::Acknowledged}).ok());
        const auto again = b.ask(actor("ralf", Role::Responder, {0}), request::TransitionIncident{3, IncidentState::Acknowledged});
        QVERIFY(!again.ok());
        QVERIFY(again.error().contains(QLatin1String("rita")));
        QVERIFY(!b.ask(actor("olga", Role::Operator), request::TransitionIncident{99, IncidentState::Acknowledged}).ok());
    }

    void notesAndMerge()
    {
        OpsBench b;
        b.feed(kNoDevice, raised(1, IncidentSeverity::Minor, 0));
        b.feed(kNoDevice, raised(2, IncidentSeverity::Minor, 0));
        QVERIFY(b.ask(actor("rita", Role::Responder, {0}), request::NoteIncident{1, QStringLiteral("two lanes blocked")}).ok());
        QVERIFY(!b.ask(actor("otto", Role::Responder, {1}), request::NoteIncident{1, QStringLiteral("x")}).ok());
        QVERIFY(!b.ask(actor("rita", Role::Responder, {0}), request::NoteIncident{1, QString(kMaxNoteLength + 1, QLatin1Char('x'))}).ok());
        QCOMPARE(b.pipeline.books().incidents().find(1)->notes.size(), size_t(1));
        QCOMPARE(b.pipeline.books().incidents().find(1)->notes[0].user, QStringLiteral("rita"));
        QVERIFY(!b.ask(actor("sven", Role::Supervisor), request::TransitionIncident{2, IncidentState::Merged, {}, 2}).ok());
        QVERIFY(b.ask(actor("sven", Role::Supervisor), request::TransitionIncident{2, IncidentState::Merged, {}, 1}).ok());
        QCOMPARE(b.pipeline.books().incidents().find(2)->mergedInto, IncidentId(1));
        QVERIFY(!b.pipeline.books().incidents().find(2)->isOpen());
    }

    void reportByHand()
    {
        OpsBench b;
        const GeoPoint at = b.city->bounds.center();
        QVERIFY(!b.ask(actor("wall", Role::Viewer), request::ReportIncident{at, IncidentSeverity::Major, {}}).ok());
        QVERIFY(!b.ask(actor("olga", Role::Operator), request::ReportIncident{{0.0, 0.0}, IncidentSeverity::Major, {}}).ok());
        const auto r = b.ask(actor("olga", Role::Operator), request::ReportIncident{at, IncidentSeverity::Major, QStringLiteral("oil on road")});
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QVERIFY(r->ref >= kConsoleIncidentBase);
        const auto incident = b.pipeline.books().incidents().find(r->ref);
        QVERIFY(incident);
        QCOMPARE(incident->kind, IncidentKind::Reported);
        QCOMPARE(incident->district, b.city->responsibleDistrict(at));
        QCOMPARE(incident->notes.front().text, QStringLiteral("oil on road"));
        QCOMPARE(incident->notes.front().user, QStringLiteral("olga"));
        // From an alarm: at the alarm's device, linked to it, in its district.
        const DeviceIndex lamp = b.first(DeviceKind::Streetlight, 3);
        const auto fromAlarm = b.ask(actor("olga", Role::Operator), request::ReportIncident{{}, IncidentSeverity::Minor, QStringLiteral("from alarm"), lamp});
        QVERIFY2(fromAlarm.ok(), qPrintable(fromAlarm.error()));
        const auto linked = b.pipeline.books().incidents().find(fromAlarm->ref);
        QCOMPARE(linked->linked, std::vector<DeviceIndex>{lamp});
        QCOMPARE(linked->position, b.city->devices[lamp].position);
        QCOMPARE(linked->district, b.city->devices[lamp].district);
        QVERIFY(linked->id != r->ref);
        QVERIFY(!b.ask(actor("olga", Role::Operator), request::ReportIncident{{}, IncidentSeverity::Minor, {}, 99999999}).ok());
    }

    void slaEscalation()
    {
        OpsBench b;
        const std::int64_t t0 = b.now;
        b.feed(kNoDevice, raised(5, IncidentSeverity::Critical, 0));   // acknowledge within 2 min, on scene within 10
        auto overdueEvents = [&b] {
            const Incident i = *b.pipeline.books().incidents().find(5);
            return std::make_pair(i.ackOverdue, i.onSceneOverdue);
        };
        b.advance(119'000);
        QCOMPARE(overdueEvents(), std::make_pair(false, false));
        b.advance(2'000);
        QCOMPARE(overdueEvents(), std::make_pair(true, false));
        const std::uint64_t seqAfterEscalation = b.pipeline.sequencer().lastSeq();
        b.advance(5'000);
        QCOMPARE(b.pipeline.sequencer().lastSeq(), seqAfterEscalation);   // escalated once, not every tick
        QVERIFY(b.ask(actor("olga", Role::Operator), request::TransitionIncident{5, IncidentState::Acknowledged}).ok());
        b.now = t0 + 600'000;
        b.advance(0);
        QCOMPARE(overdueEvents().second, false);
        b.advance(1'500);
        QCOMPARE(overdueEvents(), std::make_pair(true, true));
        // An incident acknowledged and on scene in time is never escalated.
        b.feed(kNoDevice, raised(6, IncidentSeverity::Critical, 0));
        QVERIFY(b.ask(actor("olga", Role::Operator), request::TransitionIncident{6, IncidentState::Dispatched}).ok());
        QVERIFY(b.ask(actor("rita", Role::Responder, {0}), request::TransitionIncident{6, IncidentState::Acknowledged}).ok());
        QVERIFY(b.ask(actor("rita", Role::Responder, {0}), request::TransitionIncident{6, IncidentState::OnScene}).ok());
        b.advance(3600'000);
        QVERIFY(!b.pipeline.books().incidents().find(6)->escalated());
    }

    void alarmLifecycle()
    {
        OpsBench b;
        const DeviceIndex lamp = b.first(DeviceKind::Streetlight);
        b.feed(lamp, LightPayload{100, true, 0});
        auto alarm = b.pipeline.books().alarms().forDevice(lamp, AlarmCause::LampFault);
        QVERIFY(alarm && alarm->active && !alarm->acknowledged);
        QCOMPARE(alarm->priority, AlarmPriority::Low);
        // Responders do not acknowledge alarms; operators do.
        QVERIFY(!b.ask(actor("rita", Role::Responder, {0}), request::AcknowledgeAlarms{{alarm->id}}).ok());
        QVERIFY(b.ask(actor("olga", Role::Operator), request::AcknowledgeAlarms{{alarm->id}}).ok());
        QVERIFY(!b.ask(actor("olga", Role::Operator), request::AcknowledgeAlarms{{alarm->id}}).ok());   // nothing left to acknowledge
        alarm = b.pipeline.books().alarms().forDevice(lamp, AlarmCause::LampFault);
        QVERIFY(alarm->acknowledged && alarm->active);
        QCOMPARE(alarm->acknowledgedBy, QStringLiteral("olga"));
        b.feed(lamp, LightPayload{100, false, 100});   // returns to normal, acknowledged: leaves the list
        QVERIFY(!b.pipeline.books().alarms().forDevice(lamp, AlarmCause::LampFault));

        // Returned before anyone acknowledged it: stays listed, unacknowledged, until acknowledged.
        const DeviceIndex signal = b.first(DeviceKind::SignalController);
        b.feed(signal, SignalPayload{0, 0, SignalMode::Flash, 0, true});
        b.feed(signal, SignalPayload{0, 0, SignalMode::Normal, 0, false});
        alarm = b.pipeline.books().alarms().forDevice(signal, AlarmCause::SignalFault);
        QVERIFY(alarm && !alarm->active && !alarm->acknowledged);
        QCOMPARE(alarm->priority, AlarmPriority::High);
        // Active again before acknowledgement: the same alarm, active again.
        b.feed(signal, SignalPayload{0, 0, SignalMode::Flash, 0, true});
        QCOMPARE(b.pipeline.books().alarms().forDevice(signal, AlarmCause::SignalFault)->id, alarm->id);
        QVERIFY(b.pipeline.books().alarms().forDevice(signal, AlarmCause::SignalFault)->active);
    }

    void shelvingExpires()
    {
        OpsBench b;
        const DeviceIndex lamp = b.first(DeviceKind::Streetlight);
        b.feed(lamp, LightPayload{100, true, 0});
        const std::uint32_t id = b.pipeline.books().alarms().forDevice(lamp, AlarmCause::LampFault)->id;
        QVERIFY(!b.ask(actor("olga", Role::Operator), request::ShelveAlarms{{id}, 9 * 3600'000LL}).ok());   // too long
        QVERIFY(b.ask(actor("olga", Role::Operator), request::ShelveAlarms{{id}, 5 * 60'000}).ok());
        QVERIFY(!b.pipeline.books().alarms().find(id)->annunciated());
        QVERIFY(summarizeAlarms(b.pipeline.books().alarms(), {}, b.now).rows.empty());
        b.advance(4 * 60'000);
        QVERIFY(b.pipeline.books().alarms().find(id)->shelved);
        b.advance(61'000);
        QVERIFY(!b.pipeline.books().alarms().find(id)->shelved);
        QCOMPARE(summarizeAlarms(b.pipeline.books().alarms(), {}, b.now).rows.size(), size_t(1));
    }

    void outOfService()
    {
        OpsBench b;
        const DeviceIndex lamp = b.first(DeviceKind::Streetlight);
        b.feed(lamp, LightPayload{100, true, 0});
        const std::uint32_t id = b.pipeline.books().alarms().forDevice(lamp, AlarmCause::LampFault)->id;
        QVERIFY(!b.ask(actor("olga", Role::Operator), request::SetAlarmService{id, false}).ok());
        QVERIFY(b.ask(actor("sven", Role::Supervisor), request::SetAlarmService{id, false}).ok());
        QVERIFY(b.ask(actor("olga", Role::Operator), request::AcknowledgeAlarms{{id}}).ok());
        b.feed(lamp, LightPayload{100, false, 100});
        QVERIFY(b.pipeline.books().alarms().find(id));   // kept while out of service
        QVERIFY(b.ask(actor("sven", Role::Supervisor), request::SetAlarmService{id, true}).ok());
        QVERIFY(!b.pipeline.books().alarms().find(id));
    }

    void floodIsGroupedByCause()
    {
        OpsBench b;
        std::vector<DeviceIndex> lamps;
        for (int i = 0; i < 14; ++i)
            lamps.push_back(b.first(DeviceKind::Streetlight, i));
        for (int i = 0; i < 10; ++i) {
            b.feed(lamps[i], LightPayload{100, true, 0});
            b.advance(30'000);
        }
        AlarmSummary s = summarizeAlarms(b.pipeline.books().alarms(), {}, b.now);
        QCOMPARE(s.ratePer10Min, 10);
        QVERIFY(!s.flood);
        QCOMPARE(s.rows.size(), size_t(10));
        for (int i = 10; i < 14; ++i)
            b.feed(lamps[i], LightPayload{100, true, 0});
        s = summarizeAlarms(b.pipeline.books().alarms(), {}, b.now);
        QVERIFY(s.flood);
        // One line per cause and district, holding every alarm.
        QSet<int> districts;
        for (DeviceIndex d : lamps)
            districts.insert(b.city->devices[d].district);
        QCOMPARE(s.rows.size(), size_t(districts.size()));
        size_t total = 0;
        for (const AlarmRow &row : s.rows) {
            QCOMPARE(row.cause, AlarmCause::LampFault);
            total += row.alarms.size();
        }
        QCOMPARE(total, size_t(14));
        // Acknowledging a group acknowledges its alarms.
        QVERIFY(b.ask(actor("olga", Role::Operator), request::AcknowledgeAlarms{s.rows.front().alarms}).ok());
        for (std::uint32_t id : s.rows.front().alarms)
            QVERIFY(b.pipeline.books().alarms().find(id)->acknowledged);
        // The flood is per operator: a responder of a district where fewer arose is not flooded.
        const int quiet = b.city->devices[lamps.front()].district + 100;
        QVERIFY(!summarizeAlarms(b.pipeline.books().alarms(), {quiet}, b.now).flood);
        // Ten minutes later the rate has fallen back.
        b.advance(11 * 60'000);
        QVERIFY(!summarizeAlarms(b.pipeline.books().alarms(), {}, b.now).flood);
    }

    void feederTripIsOneAlarm()
    {
        OpsBench b;
        const DeviceIndex feeder = b.first(DeviceKind::Feeder);
        std::vector<DeviceIndex> lamps;
        for (const StreetlightInfo &l : b.city->streetlights)
            if (l.feeder == feeder)
                lamps.push_back(l.device);
        QVERIFY2(lamps.size() > 10, "the fixture's first feeder should feed many lamps");
        b.feed(feeder, FeederPayload{0.0f, false});   // breaker trips (no order opened it)
        std::vector<Event> dark;
        for (DeviceIndex d : lamps)
            dark.push_back(Event{0, b.now, d, PresencePayload{false}});
        b.feed(dark);
        const AlarmSummary s = summarizeAlarms(b.pipeline.books().alarms(), {}, b.now);
        QCOMPARE(s.rows.size(), size_t(1));
        QCOMPARE(s.rows.front().cause, AlarmCause::FeederTrip);
        QCOMPARE(s.rows.front().priority, AlarmPriority::High);
        QCOMPARE(s.rows.front().consequential, int(lamps.size()));
        QCOMPARE(s.suppressed, int(lamps.size()));
        QVERIFY(!s.flood);   // consequential alarms do not count towards a flood
    }

    /// Issue 15: SUMO stopping (or a gateway going) silenced every signal at once, and the desk raised one alarm per
    /// signal. A presence that names its cause makes them one parent alarm with the cause and the count; the signals'
    /// own comm losses are its children (not annunciated); it returns once every device reports again.
    void devicesSilentForOneCauseAreOneAlarm()
    {
        OpsBench b;
        std::vector<DeviceIndex> signals;
        for (const SignalInfo &s : b.city->signals)
            signals.push_back(s.device);
        QVERIFY(signals.size() > 20);
        const QString why = QStringLiteral("traffic simulation stopped: SUMO exited with code 9");
        const std::vector<DeviceIndex> first(signals.begin(), signals.begin() + 20), later(signals.begin() + 20, signals.end());
        auto silence = [&](const std::vector<DeviceIndex> &devices, const QString &cause) {
            std::vector<Event> batch;
            for (DeviceIndex d : devices)
                batch.push_back(Event{0, b.now, d, PresencePayload{false, cause}});
            b.feed(batch);
        };
        // One of them had been silent on its own a moment ago: its alarm, returned but not yet acknowledged, is still
        // listed — raised again now, it joins the others under the cause.
        b.feed(first.front(), PresencePayload{false, {}});
        b.feed(first.front(), PresencePayload{true, {}});
        QVERIFY(b.pipeline.books().alarms().forDevice(first.front(), AlarmCause::CommLoss));
        silence(first, why);
        AlarmSummary s = summarizeAlarms(b.pipeline.books().alarms(), {}, b.now);
        QCOMPARE(s.rows.size(), size_t(1));
        QCOMPARE(s.rows.front().cause, AlarmCause::LinkLoss);
        QCOMPARE(s.rows.front().priority, AlarmPriority::High);
        QCOMPARE(s.rows.front().consequential, 20);
        QCOMPARE(s.suppressed, 20);
        const auto parent = b.pipeline.books().alarms().find(s.rows.front().alarms.front());
        QVERIFY(parent);
        QCOMPARE(parent->text, why);
        QCOMPARE(s.rows.front().text, why);
        // More of the same join it: still one line.
        silence(later, why);
        s = summarizeAlarms(b.pipeline.books().alarms(), {}, b.now);
        QCOMPARE(s.rows.size(), size_t(1));
        QCOMPARE(s.suppressed, int(signals.size()));
        QVERIFY(!s.flood);
        // A device silent on its own, and one with a cause it shares with nobody, are alarms of their own.
        const DeviceIndex lamp = b.first(DeviceKind::Streetlight), other = b.first(DeviceKind::Streetlight, 1);
        b.feed(lamp, PresencePayload{false, {}});
        b.feed(other, PresencePayload{false, QStringLiteral("gateway gw-9 is gone: no heartbeat")});
        s = summarizeAlarms(b.pipeline.books().alarms(), {}, b.now);
        QCOMPARE(s.suppressed, int(signals.size()));
        QCOMPARE(b.pipeline.books().alarms().forDevice(lamp, AlarmCause::CommLoss)->parent, 0u);
        QCOMPARE(b.pipeline.books().alarms().forDevice(other, AlarmCause::CommLoss)->parent, 0u);
        // Back: the children return with their devices; the parent once none is silent.
        std::vector<Event> back;
        for (DeviceIndex d : first)
            back.push_back(Event{0, b.now, d, PresencePayload{true, {}}});
        b.feed(back);
        b.advance(2000);
        QVERIFY(b.pipeline.books().alarms().find(parent->id)->active);   // some are still silent
        back.clear();
        for (DeviceIndex d : later)
            back.push_back(Event{0, b.now, d, PresencePayload{true, {}}});
        b.feed(back);
        b.advance(2000);
        const auto after = b.pipeline.books().alarms().find(parent->id);
        QVERIFY(after);   // returned, waiting for its acknowledgement (ISA-18.2)
        QVERIFY(!after->active);
        for (DeviceIndex d : signals)
            QVERIFY(!b.pipeline.books().alarms().forDevice(d, AlarmCause::CommLoss) || !b.pipeline.books().alarms().forDevice(d, AlarmCause::CommLoss)->active);
        // The same cause again later: the parent alarm is active again (not yet acknowledged, so the same alarm, as
        // ISA-18.2 re-annunciates a returned one) with the new silent devices under it.
        silence(first, why);
        s = summarizeAlarms(b.pipeline.books().alarms(), {}, b.now);
        bool again = false;
        for (const AlarmRow &row : s.rows)
            again = again || (row.cause == AlarmCause::LinkLoss && row.consequential == 20);
        QVERIFY(again);
        QVERIFY(b.pipeline.books().alarms().find(parent->id)->active);
    }

    void signalsDarkBehindAFeederAreOneIncident()
    {
        OpsBench b;
        // The feeder that powers the most signal cabinets.
        const std::vector<DeviceIndex> feederOf = b.city->signalFeeders();
        std::map<DeviceIndex, std::vector<DeviceIndex>> signalsOf;
        for (size_t i = 0; i < feederOf.size(); ++i)
            signalsOf[feederOf[i]].push_back(b.city->signals[i].device);
        auto most = std::max_element(signalsOf.begin(), signalsOf.end(), [](const auto &x, const auto &y) { return x.second.size() < y.second.size(); });
        const DeviceIndex feeder = most->first;
        const std::vector<DeviceIndex> signals = most->second;
        QVERIFY2(signals.size() >= 3, qPrintable(QString::number(signals.size())));
        DeviceIndex elsewhere = kNoDevice;   // a signal on another feeder
        for (const auto &[f, s] : signalsOf)
            if (f != feeder && !s.empty())
                elsewhere = s.front();
        for (const auto &[f, s] : signalsOf)   // every feeder reports, breakers closed
            b.feed(f, FeederPayload{100.0f, true});
        auto darkIncidents = [&b] {
            std::vector<Incident> all, out;
            b.pipeline.books().incidents().snapshot(all);
            for (const Incident &i : all)
                if (i.kind == IncidentKind::SignalsDark)
                    out.push_back(i);
            return out;
        };

        // The breaker trips; all but one of its signals go silent in one batch.
        b.feed(feeder, FeederPayload{0.0f, false});
        std::vector<Event> silent;
        for (size_t i = 0; i + 1 < signals.size(); ++i)
            silent.push_back(Event{0, b.now, signals[i], PresencePayload{false}});
        b.feed(silent);
        auto found = darkIncidents();
        QCOMPARE(found.size(), size_t(1));
        const Incident incident = found.front();
        QCOMPARE(incident.device, feeder);
        QCOMPARE(incident.severity, IncidentSeverity::Critical);
        std::vector<DeviceIndex> expected{feeder};
        expected.insert(expected.end(), signals.begin(), signals.end() - 1);
        QCOMPARE(incident.linked, expected);
        QCOMPARE(incident.notes.size(), size_t(1));
        QVERIFY2(incident.notes[0].text.startsWith(QStringLiteral("signals dark at %1 junctions — cause: feeder %2 is open")
                                                       .arg(signals.size() - 1).arg(b.city->devices[feeder].id)),
                 qPrintable(incident.notes[0].text));
        // Their communication losses are consequences of the trip: one alarm line, not one per cabinet.
        const AlarmSummary s = summarizeAlarms(b.pipeline.books().alarms(), {}, b.now);
        QCOMPARE(s.rows.size(), size_t(1));
        QCOMPARE(s.rows.front().cause, AlarmCause::FeederTrip);
        QCOMPARE(s.rows.front().consequential, int(signals.size() - 1));

        // The last one goes dark later: it joins the same incident.
        b.feed(signals.back(), PresencePayload{false});
        found = darkIncidents();
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(found.front().linked.size(), signals.size() + 1);
        // A signal of a feeder that is closed going silent is a communication loss, not a dark signal.
        b.feed(elsewhere, PresencePayload{false});
        QCOMPARE(darkIncidents().size(), size_t(1));

        // Nothing of it travels to other consoles: each finds it in the same field.
        QVERIFY(!wire::isShared(Event{0, b.now, feeder, IncidentRaisedPayload{incident.id, 0, IncidentKind::SignalsDark, IncidentSeverity::Minor, {}, -1, -1}}));
        IncidentUpdatePayload link;
        link.id = incident.id;
        link.change = IncidentChange::LinkDevice;
        QVERIFY(!wire::isShared(Event{0, b.now, signals.front(), link}));
        link.user = QStringLiteral("olga");
        QVERIFY(wire::isShared(Event{0, b.now, signals.front(), link}));   // a person's link does

        // Closed by people; power back; the next trip is a new incident.
        bringTo(b, incident.id, IncidentState::Closed);
        b.feed(feeder, FeederPayload{100.0f, true});
        b.feed(feeder, FeederPayload{0.0f, false});
        b.feed(signals.front(), PresencePayload{false});
        found = darkIncidents();
        QCOMPARE(found.size(), size_t(2));
        QVERIFY(found[0].id != found[1].id);
    }

    void rulesTable()
    {
        // Sanity of the catalogue the UI and dispatcher share.
        QVERIFY(commandSpec(CommandAction::SignalFlash).highRisk);
        QVERIFY(commandSpec(CommandAction::FeederShed).highRisk);
        QVERIFY(!commandSpec(CommandAction::LightDim).highRisk);
        QVERIFY(!commandSpec(CommandAction::SignalAdvancePhase).idempotent);
        QVERIFY(!validateCommand(CommandAction::LightDim, 0, DeviceKind::Streetlight, 0, 0).isEmpty());
        QVERIFY(validateCommand(CommandAction::LightDim, 40, DeviceKind::Streetlight, 0, 0).isEmpty());
        QVERIFY(!validateCommand(CommandAction::SignalFlash, 0, DeviceKind::Streetlight, 0, 0).isEmpty());
        QVERIFY(!validateCommand(CommandAction::SignalHoldPhase, 9, DeviceKind::SignalController, 1, 4).isEmpty());
        QCOMPARE(slaFor(IncidentSeverity::Critical).ackWithinMs, 120'000);
    }
};

QTEST_GUILESS_MAIN(TestOps)
#include "tst_ops.moc"
