#include "handoverbench.h"

#include "benchutil.h"

#include "ops/interlocks.h"
#include "ops/peergate.h"
#include "state/citybooks.h"

#include <QElapsedTimer>

namespace cityops::bench {
namespace {

constexpr std::uint32_t kOrder = 0x2000'0001;
const QString kConsole = QStringLiteral("console-a");

Event step(DeviceIndex device, CommandStage stage, const QString &user = {})
{
    CommandPayload c;
    c.order = kOrder;
    c.stage = stage;
    c.action = CommandAction::LightDim;
    c.value = 40;
    c.attempt = stage == CommandStage::Sent ? 1 : 0;
    c.timeMs = 1'800'000'000'000 + 3'600'000;
    c.user = user;
    c.console = kConsole;
    return Event{0, 1'800'000'000'000, device, c, 1};
}

/// The gate's time over `history` (tagged as another console's, handed over or live) against `books`.
double filterMs(const CityModel &city, const CityBooks &books, std::vector<Event> history, bool handedOver, size_t *kept)
{
    for (Event &e : history)
        e.handedOver = handedOver;
    PeerGate gate([](const QString &user) -> std::optional<Actor> { return Actor{user, {Role::Operator}, {}}; });
    const DeskContext ctx{city, books.states(), books.incidents(), books.alarms(), books.orders(), 1, 0x222};
    QElapsedTimer timer;
    timer.start();
    gate.filter(history, ctx);
    const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    *kept = history.size();
    return ms;
}

/// The interlock preview of an order on `spec`'s devices against `books` (what the command dialog shows, and the
/// dispatcher decides on, when another console's wide order holds them).
double interlocksMs(const CityModel &city, const CityBooks &books, const OrderSpec &spec, size_t *found)
{
    QElapsedTimer timer;
    timer.start();
    const std::vector<Interlock> held = findInterlocks(city, books.incidents(), books.alarms(), books.orders(), spec, 1'800'000'000'000);
    const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    *found = held.size();
    return ms;
}

/// The same holders named as the preview named them before session 44: each held device's holding order looked up
/// (a copy of the whole order) to name its requester. The baseline the preview's one lookup per holder is measured
/// against.
double namedPerDeviceMs(const CityBooks &books, const OrderSpec &spec, size_t *named)
{
    QElapsedTimer timer;
    timer.start();
    *named = 0;
    for (const OrderTargetSpec &t : spec.targets)
        if (const std::uint32_t holder = books.orders().holderAt(t.device, 1'800'000'000'000))
            if (const auto order = books.orders().find(holder); order && !requesterOf(*order).isEmpty())
                ++*named;
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int runHandOverBench(const QCommandLineParser &parser, const QString &cityPath)
{
    const int targets = parser.value(QStringLiteral("targets")).toInt();
    const int runs = parser.isSet(QStringLiteral("runs")) ? parser.value(QStringLiteral("runs")).toInt() : 5;
    const std::shared_ptr<const CityModel> city = cityWithLamps(cityPath, targets);
    if (!city)
        return 1;
    std::vector<Event> history{step(kNoDevice, CommandStage::Requested, QStringLiteral("kai"))};
    for (const StreetlightInfo &l : city->streetlights) {
        if (static_cast<int>(history.size()) > targets)
            break;
        history.push_back(step(l.device, CommandStage::Requested));
    }
    const size_t lamps = history.size() - 1;
    for (const CommandStage stage : {CommandStage::Selected, CommandStage::Sent})
        for (size_t i = 1; i <= lamps; ++i)
            history.push_back(step(history[i].device, stage));

    CityBooks holding(city), empty(city);
    std::vector<Event> recorded = history;
    for (size_t i = 0; i < recorded.size(); ++i)
        recorded[i].seq = i + 1;
    holding.apply(recorded);
    std::vector<double> retold, live;
    size_t keptRetold = 0, keptLive = 0;
    for (int r = 0; r < runs; ++r) {
        retold.push_back(filterMs(*city, holding, history, true, &keptRetold));
        live.push_back(filterMs(*city, empty, history, false, &keptLive));
    }
    OrderSpec spec;
    for (size_t i = 1; i <= lamps; ++i)
        spec.targets.push_back({history[i].device, CommandAction::LightDim, 60});
    std::vector<double> held, free, perDevice;
    size_t heldFound = 0, freeFound = 0, named = 0;
    for (int r = 0; r < runs; ++r) {
        held.push_back(interlocksMs(*city, holding, spec, &heldFound));
        free.push_back(interlocksMs(*city, empty, spec, &freeFound));
        perDevice.push_back(namedPerDeviceMs(holding, spec, &named));
    }
    if (heldFound != lamps || freeFound != 0 || named != lamps) {
        std::fprintf(stderr, "cityops-bench: the preview found %zu of %zu lamps held (%zu named one by one), and %zu where none is\n",
                     heldFound, lamps, named, freeFound);
        return 1;
    }
    if (keptRetold != 0 || keptLive != history.size()) {
        std::fprintf(stderr, "cityops-bench: the gate kept %zu of the re-told steps and %zu of %zu live ones\n", keptRetold, keptLive,
                     history.size());
        return 1;
    }
    QJsonObject o{{"bench", "handover"},
                  {"targets", static_cast<double>(lamps)},
                  {"steps", static_cast<double>(history.size())},
                  {"runs", runs},
                  {"retold_ms_median", round2(percentile(retold, 50))},
                  {"retold_us_per_step", round2(percentile(retold, 50) * 1000 / static_cast<double>(history.size()))},
                  {"baseline_live_ms_median", round2(percentile(live, 50))},
                  {"interlocks_held_ms_median", round2(percentile(held, 50))},
                  {"baseline_interlocks_free_ms_median", round2(percentile(free, 50))},
                  {"baseline_named_per_device_ms_median", round2(percentile(perDevice, 50))}};
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    return 0;
}

} // namespace cityops::bench
