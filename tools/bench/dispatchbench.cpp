#include "dispatchbench.h"

#include "benchutil.h"

#include "city/citypackage.h"
#include "engine/engine.h"
#include "link/simlink.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <future>

namespace cityops::bench {

int runDispatchBench(const QCommandLineParser &parser, const QString &cityPath)
{
    const int targets = parser.value(QStringLiteral("targets")).toInt();
    const std::shared_ptr<const CityModel> shared = cityWithLamps(cityPath, targets);
    if (!shared)
        return 1;
    const CityModel *city = shared.get();
    std::vector<DeviceIndex> lamps;
    for (const StreetlightInfo &l : city->streetlights)
        if (static_cast<int>(lamps.size()) < targets)
            lamps.push_back(l.device);

    Engine engine(shared);
    SimLinkOptions options;
    options.seed = 3;
    options.warmUpHours = 0.25;
    engine.start(std::make_unique<SimLink>(shared, &engine.clock(), options));
    QElapsedTimer wait;
    wait.start();
    while (engine.linkStatus().state != LinkState::Connected && wait.elapsed() < 60'000) {
        QCoreApplication::processEvents();
        QThread::msleep(5);
    }

    OrderSpec spec;
    spec.description = QStringLiteral("bench: dim %1 lamps").arg(lamps.size());
    for (DeviceIndex d : lamps)
        spec.targets.push_back({d, CommandAction::LightDim, 40, 0, 0});
    QElapsedTimer total;
    total.start();
    std::promise<Result<OpsReceipt>> answer;
    engine.request(Actor{QStringLiteral("bench"), {Role::Operator}, {}}, request::IssueOrder{spec},
                   [&answer](const Result<OpsReceipt> &r) { answer.set_value(r); });
    const auto receipt = answer.get_future().get();
    if (!receipt) {
        std::fprintf(stderr, "cityops-bench: the order was refused: %s\n", qPrintable(receipt.error()));
        return 1;
    }
    const std::uint32_t id = receipt->ref;
    std::optional<Order> order;
    // Looked at about as often as the console's map reads the orders (each look copies the whole order under the
    // book's lock: every 2 ms, as before session 67, it held the core thread back by some 50 ms at 10,000 targets).
    // The per-target times come from the order itself; only total_ms depends on this.
    while (total.elapsed() < 120'000) {
        order = engine.orders().find(id);
        if (order && order->stage == CommandStage::Finished)
            break;
        QThread::msleep(16);
    }
    const double totalMs = static_cast<double>(total.elapsed());
    engine.stop();
    if (!order) {
        std::fprintf(stderr, "cityops-bench: the order vanished\n");
        return 1;
    }
    std::vector<double> perTarget;
    int completed = 0;
    for (const OrderTarget &t : order->targets) {
        if (!isTerminal(t.stage))
            continue;
        ++completed;
        perTarget.push_back(static_cast<double>(t.changedMs - order->requestedMs));
    }
    emit({{"bench", "dispatch"}, {"targets", static_cast<double>(order->targets.size())}, {"completed", completed},
          {"confirmed", order->count(CommandStage::Confirmed)}, {"rejected", order->count(CommandStage::Rejected)},
          {"timed_out", order->count(CommandStage::TimedOut)}, {"p50_ms", round2(percentile(perTarget, 50))},
          {"p99_ms", round2(percentile(perTarget, 99))}, {"total_ms", totalMs},
          {"device_latency_ms", QStringLiteral("%1-%2").arg(options.parameters.commandLatencyMinMs).arg(options.parameters.commandLatencyMaxMs)}});
    return completed == static_cast<int>(order->targets.size()) ? 0 : 1;
}

} // namespace cityops::bench
