// Commands act on a real SUMO (started and stopped by the test) on a real piece of Berlin-Adlershof: hold, flash,
// advance and restore as SUMO then shows them, the change interval through yellow, a wrong-length state refused
// before it reaches SUMO, an order through the dispatcher confirmed by what SUMO reports (split from tst_sumoplant).
#include "sumotesting.h"

#include "sim/changeinterval.h"

#include <QTest>

using namespace cityops;
using namespace cityops::test;

class TestSumoCommands : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void commandsActOnSumo()
    {
        Rig rig;
        const std::uint32_t i = rig.aSignalWithPhases();
        const DeviceIndex device = rig.city->signals[i].device;
        const SignalProgram &program = rig.city->signals[i].programs.front();

        rig.sim.command(rig.command(1, i, CommandAction::SignalHoldPhase, 2));
        rig.advance(1000);
        QVERIFY(rig.answer(1));
        QCOMPARE(rig.answer(1)->stage, CommandStage::InProgress);
        QVERIFY(rig.lastSignal(device));
        QCOMPARE(rig.lastSignal(device)->mode, SignalMode::Manual);
        QCOMPARE(int(rig.lastSignal(device)->phase), 2);
        // Held: five minutes later SUMO still shows phase 2.
        for (int s = 0; s < 300; ++s)
            rig.advance(1000);
        QCOMPARE(rig.plant->reading(i).phase, 2);
        QCOMPARE(rig.plant->reading(i).state, program.phases[2].state);

        rig.sim.command(rig.command(2, i, CommandAction::SignalFlash));
        rig.advance(1000);
        QCOMPARE(rig.answer(2)->stage, CommandStage::InProgress);
        QCOMPARE(rig.lastSignal(device)->mode, SignalMode::Flash);
        QCOMPARE(rig.plant->reading(i).state, QString(rig.city->signals[i].linkCount, QLatin1Char('o')));

        rig.sim.command(rig.command(3, i, CommandAction::SignalRestore));
        rig.advance(1000);
        QCOMPARE(rig.answer(3)->stage, CommandStage::InProgress);
        QCOMPARE(rig.lastSignal(device)->mode, SignalMode::Normal);
        // Running its program again: it switches on its own and shows the program's states.
        int switched = 0;
        for (int s = 0; s < 180; ++s)
            for (const Event &e : rig.advance(1000))
                if (e.device == device && std::holds_alternative<SignalPayload>(e.payload))
                    ++switched;
        QVERIFY2(switched >= 2, qPrintable(QString::number(switched)));
        QCOMPARE(rig.plant->reading(i).state, program.phases.at(rig.plant->reading(i).phase).state);

        // A phase the program does not have is refused by the controller; SUMO is not asked.
        rig.sim.command(rig.command(4, i, CommandAction::SignalHoldPhase, 99));
        rig.advance(1000);
        QCOMPARE(rig.answer(4)->stage, CommandStage::Rejected);
        QCOMPARE(rig.answer(4)->text, QStringLiteral("no such phase"));
    }

    void theChangeIntervalRule()
    {
        // Greens that the next state keeps stay; the others turn yellow; red, yellow and flashing stay as they are.
        QCOMPARE(changeIntervalState(QStringLiteral("GGgrry"), {QStringLiteral("GrrGGr")}), QStringLiteral("Gyyrry"));
        QCOMPARE(changeIntervalState(QStringLiteral("GGrr"), {QStringLiteral("GGGG")}), QString());
        // Against two states (a program that may switch during the yellow): green only where both keep it.
        QCOMPARE(changeIntervalState(QStringLiteral("GGGr"), {QStringLiteral("GGrr"), QStringLiteral("Grrr")}), QStringLiteral("Gyyr"));
        // A state of another length counts as red everywhere.
        QCOMPARE(changeIntervalState(QStringLiteral("Gg"), {QStringLiteral("GGG")}), QStringLiteral("yy"));
        SignalProgram program;
        program.phases = {{37, QStringLiteral("GGr")}, {4, QStringLiteral("yyr")}, {5, QStringLiteral("rrG")}, {3, QStringLiteral("rry")}};
        QCOMPARE(yellowSeconds(program), 4);
        program.phases = {{37, QStringLiteral("Gr")}, {37, QStringLiteral("rG")}};
        QCOMPARE(yellowSeconds(program), 3);
    }

    void aCommandEndsGreensThroughYellow()
    {
        // A hold that would take greens straight to red shows them yellow for the program's yellow time first (a
        // real controller would go into conflict flash otherwise); the signal reports the phase it ends meanwhile,
        // so nothing confirms the command before SUMO shows it. Then the restore ends the held greens the same way.
        Rig rig;
        rig.advance(1000);
        std::uint32_t signal = 0;
        int target = -1;
        for (int s = 0; s < 120 && target < 0; ++s) {
            for (std::uint32_t i = 0; i < rig.city->signals.size() && target < 0; ++i) {
                const SignalProgram &program = rig.city->signals[i].programs.front();
                for (int p = 0; p < int(program.phases.size()) && target < 0; ++p)
                    if (rig.plant->reading(i).program == 0 && !program.phases[p].state.contains(u'y')
                        && !changeIntervalState(rig.plant->reading(i).state, {program.phases[p].state}).isEmpty()) {
                        signal = i;
                        target = p;
                    }
            }
            if (target < 0)
                rig.advance(1000);
        }
        QVERIFY2(target >= 0, "a signal showing a green that another phase of it ends");
        const SignalProgram &program = rig.city->signals[signal].programs.front();
        const DeviceIndex device = rig.city->signals[signal].device;
        const SignalReading before = rig.plant->reading(signal);
        const QString yellow = changeIntervalState(before.state, {program.phases[target].state});

        rig.sim.command(rig.command(1, signal, CommandAction::SignalPreempt, target));
        rig.advance(1000);
        QCOMPARE(rig.answer(1)->stage, CommandStage::InProgress);
        QCOMPARE(rig.plant->reading(signal).state, yellow);
        QCOMPARE(rig.lastSignal(device)->mode, SignalMode::Preempt);
        // Reported meanwhile: the program's own phase showing that yellow, else the phase it ends — never the
        // commanded one, so nothing confirms it yet.
        const int meanwhile = rig.lastSignal(device)->phase;
        QVERIFY2(meanwhile == before.phase || program.phases.at(meanwhile).state == yellow, qPrintable(QString::number(meanwhile)));
        QVERIFY(meanwhile != target);
        int seconds = 1;
        while (rig.plant->reading(signal).phase != target && seconds < 30) {
            QCOMPARE(rig.plant->reading(signal).state, yellow);
            rig.advance(1000);
            ++seconds;
        }
        QCOMPARE(seconds, yellowSeconds(program));
        QCOMPARE(rig.plant->reading(signal).state, program.phases[target].state);
        QCOMPARE(int(rig.lastSignal(device)->phase), target);
        // Held from then on.
        for (int s = 0; s < 60; ++s)
            rig.advance(1000);
        QCOMPARE(rig.plant->reading(signal).state, program.phases[target].state);

        // Restored: no green the program does not give now goes straight to red.
        const QString held = rig.plant->reading(signal).state;
        rig.sim.command(rig.command(2, signal, CommandAction::SignalRestore));
        rig.advance(1000);
        QCOMPARE(rig.lastSignal(device)->mode, SignalMode::Normal);
        const QString after = rig.plant->reading(signal).state;
        for (qsizetype k = 0; k < held.size(); ++k)
            if (held[k] == u'G' || held[k] == u'g')
                QVERIFY2(after[k] != u'r', qPrintable(QStringLiteral("link %1: %2 -> %3").arg(k).arg(held, after)));
        for (int s = 0; s < 2 * yellowSeconds(program); ++s)
            rig.advance(1000);
        QCOMPARE(rig.plant->reading(signal).state, program.phases.at(rig.plant->reading(signal).phase).state);

        // A flash during a yellow ends it at once: flashing, and nothing held afterwards.
        rig.sim.command(rig.command(3, signal, CommandAction::SignalHoldPhase, target));
        rig.advance(1000);
        rig.sim.command(rig.command(4, signal, CommandAction::SignalFlash));
        for (int s = 0; s < 2 * yellowSeconds(program); ++s)
            rig.advance(1000);
        QCOMPARE(rig.plant->reading(signal).state, QString(rig.city->signals[signal].linkCount, QLatin1Char('o')));
    }

    void advanceGoesToTheNextGreenThroughYellow()
    {
        // A manual advance from a held green goes to the next phase that gives a movement green, ending the held
        // greens through yellow — not to the program's yellow phase, held for good (drivers would face yellow
        // until someone restored the signal).
        SignalProgram cycle;
        cycle.phases = {{30, QStringLiteral("GGr")}, {3, QStringLiteral("yyr")}, {2, QStringLiteral("rrr")}, {20, QStringLiteral("rrG")},
                        {3, QStringLiteral("rry")}};
        QCOMPARE(nextGreenPhase(cycle, 0), 3);
        QCOMPARE(nextGreenPhase(cycle, 3), 0);
        cycle.phases = {{30, QStringLiteral("GG")}, {3, QStringLiteral("yy")}};
        QCOMPARE(nextGreenPhase(cycle, 0), 1);   // no other green: the next phase

        Rig rig;
        rig.advance(1000);
        std::uint32_t signal = 0;
        int held = -1;
        for (std::uint32_t i = 0; i < rig.city->signals.size() && held < 0; ++i) {
            const SignalProgram &p = rig.city->signals[i].programs.front();
            const int next = (0 + 1) % int(p.phases.size());
            if (p.phases.size() >= 4 && p.phases[next].state.contains(u'y') && nextGreenPhase(p, 0) != next) {
                signal = i;
                held = 0;
            }
        }
        QVERIFY2(held == 0, "a signal whose first phase is followed by a yellow one");
        const SignalProgram &program = rig.city->signals[signal].programs.front();
        rig.sim.command(rig.command(1, signal, CommandAction::SignalHoldPhase, held));
        for (int s = 0; s < 10; ++s)
            rig.advance(1000);
        QCOMPARE(rig.plant->reading(signal).phase, held);

        const int expected = nextGreenPhase(program, held);
        const QString yellow = changeIntervalState(program.phases[held].state, {program.phases[expected].state});
        rig.sim.command(rig.command(2, signal, CommandAction::SignalAdvancePhase));
        rig.advance(1000);
        QCOMPARE(rig.answer(2)->stage, CommandStage::InProgress);
        if (!yellow.isEmpty())
            QCOMPARE(rig.plant->reading(signal).state, yellow);
        for (int s = 0; s < 60; ++s)
            rig.advance(1000);
        QCOMPARE(rig.plant->reading(signal).phase, expected);
        QCOMPARE(rig.plant->reading(signal).state, program.phases[expected].state);
        QVERIFY(program.phases[expected].state.contains(u'G') || program.phases[expected].state.contains(u'g'));
    }

    void wrongLengthStateNeverReachesSumo()
    {
        Rig rig;
        const std::uint32_t i = rig.aSignalWithPhases();
        const int links = rig.city->signals[i].linkCount;
        const QString shorter(links - 1, QLatin1Char('G')), longer(links + 1, QLatin1Char('r'));
        QCOMPARE(rig.plant->setState(i, shorter), QStringLiteral("a state of %1 characters for a signal with %2 links").arg(links - 1).arg(links));
        QVERIFY(!rig.plant->setState(i, longer).isEmpty());
        QCOMPARE(rig.plant->setState(i, QString(links, QLatin1Char('x'))), QStringLiteral("\"x\" is not a signal state"));
        // SUMO is alive: it steps on and a correct state is taken.
        rig.advance(5000);
        QVERIFY(rig.sim.trafficProblem().isEmpty());
        QCOMPARE(rig.plant->setState(i, QString(links, QLatin1Char('r'))), QString());
        QCOMPARE(rig.plant->reading(i).state, QString(links, QLatin1Char('r')));
    }

    void anOrderThroughTheDispatcherIsConfirmedBySumo()
    {
        // The console's own path: order, approval, dispatcher, link, simulator, SUMO; confirmed by SUMO's report.
        auto city = smallCity();
        Engine engine(city);
        startWithSumo(engine, 0.5, 1800'000);
        QTRY_VERIFY_WITH_TIMEOUT(engine.linkStatus().state == LinkState::Connected, 20'000);
        QVERIFY2(engine.linkStatus().description().contains(QStringLiteral("SUMO")), qPrintable(engine.linkStatus().description()));
        std::uint32_t signal = 0;
        while (city->signals[signal].programs.front().phases.size() < 3)
            ++signal;
        const DeviceIndex device = city->signals[signal].device;
        QTRY_VERIFY_WITH_TIMEOUT(engine.states().state(device).reported, 10'000);

        auto request = [&engine](const Actor &who, OpsRequest what) {
            std::optional<Result<OpsReceipt>> receipt;
            engine.request(who, std::move(what), [&receipt](const Result<OpsReceipt> &r) { receipt = r; });
            [[maybe_unused]] const bool answered = QTest::qWaitFor([&] { return receipt.has_value(); }, 5000);   // else: "no answer" below
            return receipt.value_or(Result<OpsReceipt>(makeError(QStringLiteral("no answer"))));
        };
        OrderSpec spec;
        spec.description = QStringLiteral("hold phase 2");
        spec.targets.push_back({device, CommandAction::SignalHoldPhase, 2, 0, 0});
        const auto issued = request(Actor{QStringLiteral("olga"), {Role::Operator}, {}}, request::IssueOrder{spec});
        QVERIFY2(issued, qPrintable(issued.error()));
        const std::uint32_t order = issued.value().ref;
        const auto approved = request(Actor{QStringLiteral("sven"), {Role::Supervisor}, {}}, request::DecideOrder{order, true, {}, {}});
        QVERIFY2(approved, qPrintable(approved.error()));
        QTRY_VERIFY_WITH_TIMEOUT(engine.orders().find(order) && engine.orders().find(order)->stage == CommandStage::Finished, 20'000);
        QCOMPARE(engine.orders().find(order)->targets.front().stage, CommandStage::Confirmed);
        QCOMPARE(int(engine.states().state(device).phase), 2);
        QCOMPARE(SignalMode(engine.states().state(device).mode), SignalMode::Manual);
        engine.stop();
    }
};

QTEST_GUILESS_MAIN(TestSumoCommands)
#include "tst_sumocommands.moc"
