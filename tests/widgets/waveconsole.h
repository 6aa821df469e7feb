// A console with a green wave under way on its embedded link (the timetable runs the signals, no SUMO): the test
// gives the vehicle's reports. Shared by the tests of waves at the desk.
#pragma once

#include "access/accesscontrol.h"
#include "engine/greenwaverun.h"
#include "link/simlink.h"
#include "mainwindow.h"
#include "ops/opsconsole.h"
#include "testcity.h"
#include "testpeople.h"

#include <QListWidget>
#include <QTest>

#include <functional>
#include <optional>

namespace cityops::test {

/// The console on its embedded link (the timetable runs the signals, no SUMO; no faults, no refusals), olga signed
/// in, and two signals with a phase serving link 0 for a wave whose vehicle's reports the test gives.
struct WaveConsole {
    static inline const QString kVehicle = QStringLiteral("ambulance-9");
    std::shared_ptr<const CityModel> city = networkCity();
    People people{*city};
    Engine engine{city};
    std::unique_ptr<MainWindow> window;
    std::vector<SignalAhead> ahead;
    std::uint64_t reports = 0;
    StandCounter stands;
    GeoPoint destination{13.5412, 52.4313};   ///< where the test's waves send the vehicle

    bool start()
    {
        SimLinkOptions sim;
        sim.speed = 1;   // the wave's longest hold (2 min) is far off while a test runs
        sim.parameters.signalMtbfHours = 1e12;
        sim.parameters.signalCommLossMtbfHours = 1e12;
        sim.parameters.commandRejectRate = 0;
        engine.start(std::make_unique<SimLink>(city, &engine.clock(), sim), {}, QDateTime::currentMSecsSinceEpoch() - 600'000);
        window = std::make_unique<MainWindow>(engine, people.get());
        window->resize(1400, 900);
        window->show();
        for (std::uint32_t i = 0; i < city->signals.size() && ahead.size() < 2; ++i)
            if (!city->signals[i].programs.empty() && phaseServing(city->signals[i].programs.front(), 0) >= 0)
                ahead.push_back({i, 0, 100.0 * double(ahead.size() + 1)});
        return QTest::qWaitFor([this] { return engine.linkStatus().state == LinkState::Connected; }, 20'000) && ahead.size() == 2
               && window->access().signIn(QStringLiteral("olga"), People::kPassword).ok();
    }
    SignalMode mode(size_t k) const { return SignalMode(engine.books().states().state(city->signals[ahead[k].signal].device).mode); }
    /// A wave pre-approved by sven over `signals`, started at the console as the dialog does.
    void startWave(std::vector<SignalAhead> signals)
    {
        PlannedRoute route;
        route.vehicle = kVehicle;
        route.signals = std::move(signals);
        route.lengthM = 1200;
        route.travelS = 95;
        route.destination = destination;
        window->ops().startWave(kVehicle, Actor{QStringLiteral("sven"), {Role::Supervisor}, {}}, route, nullptr);
    }
    /// The vehicle reports, at 10 m/s, these signals ahead (at the console's time now, or at `atMs`); it is at
    /// `position`, or at its destination when none is given.
    void report(std::vector<SignalAhead> signalsAhead, std::int64_t atMs = 0, double speedMps = 10, bool parked = false,
                std::optional<GeoPoint> position = std::nullopt)
    {
        VehicleBook::Vehicle r;
        r.timeMs = atMs > 0 ? atMs : engine.clock().nowMs();
        r.reports = ++reports;
        r.report.id = kVehicle;
        r.report.speedMps = speedMps;
        r.report.parked = parked;
        r.report.position = position.value_or(destination);
        r.report.ahead = std::move(signalsAhead);
        stands.add(speedMps, parked);   // as the book counts them over every report
        r.stands = stands;
        for (GreenWaveRun *run : window->ops().waves())
            run->update(r);
    }
    /// Orders of the waves for the vehicle with this action at the k-th signal.
    std::vector<Order> orders(CommandAction action, size_t k) const
    {
        std::vector<Order> all, out;
        engine.orders().snapshot(all);
        for (const Order &o : all)
            if (o.targets.size() == 1 && o.targets.front().action == action && o.description.contains(kVehicle)
                && o.targets.front().device == city->signals[ahead[k].signal].device)
                out.push_back(o);
        return out;
    }
    /// A wave over both signals under way: the vehicle's first report (at the returned time, a second ahead of the
    /// console's clock) and both signals pre-empted.
    std::int64_t waveUnderWay()
    {
        startWave(ahead);
        const std::int64_t t0 = engine.clock().nowMs() + 1000;
        report(ahead, t0);
        return QTest::qWaitFor([this] { return mode(0) == SignalMode::Preempt && mode(1) == SignalMode::Preempt; }, 20'000) ? t0 : 0;
    }
    /// The wave is over and both signals are back on their programs.
    bool overWithSignalsReleased() const
    {
        return QTest::qWaitFor([this] { return window->ops().waves().empty(); }, 20'000)
               && QTest::qWaitFor([this] { return mode(0) == SignalMode::Normal && mode(1) == SignalMode::Normal; }, 20'000);
    }
    /// What the record holds so far (the activity the books keep of the recorded events), oldest first.
    QStringList recorded() const
    {
        std::vector<ActivityLog::Entry> entries;
        engine.books().activity().snapshot(entries);
        QStringList out;
        for (const ActivityLog::Entry &e : entries)
            out << e.text;
        return out;
    }
    QStringList said() const
    {
        QStringList out;
        for (int i = 0; i < window->ops().messages()->count(); ++i)
            out << window->ops().messages()->item(i)->text();
        return out;
    }
};

/// Calls `then` when `widget` is hidden (a window closing), before anything else hears of it.
class WhenHidden : public QObject {
public:
    WhenHidden(QWidget &widget, std::function<void()> then)
        : m_then(std::move(then))
    {
        widget.installEventFilter(this);
    }
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Hide && m_then)
            std::exchange(m_then, {})();
        return false;
    }

private:
    std::function<void()> m_then;
};

} // namespace cityops::test
