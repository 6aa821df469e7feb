#include "fuzzcommon.h"

#include "codec/eventcodec.h"
#include "codec/eventjson.h"
#include "engine/corepipeline.h"
#include "model/responserules.h"
#include "security/commandsigner.h"
#include "state/citybooks.h"
#include "store/chainexport.h"
#include "store/eventstore.h"
#include "store/snapshot.h"

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>

#include <cstdio>
#include <cstdlib>

namespace cityops::fuzz {

namespace {
constexpr std::uint8_t kSnapshotSelector = 0;     // 1-15: a row of that event kind
constexpr std::uint8_t kApproachesSelector = 16;  // the approaches kept beside a snapshot
constexpr std::uint8_t kSealSelector = 17;        // a row of kind 16 (added after 16 meant the approaches)
constexpr std::uint8_t kSelectors = 18;
} // namespace

Outcome checkStoreRow(const QByteArray &input)
{
    if (input.isEmpty())
        return kRefused;
    const std::uint8_t selector = std::uint8_t(input[0]) % kSelectors;
    const QByteArray blob = input.mid(1);
    if (selector == kApproachesSelector) {
        auto first = snapshotcodec::decodeApproaches(blob, city());
        if (!first)
            return kRefused;
        const QByteArray once = snapshotcodec::encodeApproaches(first.value());
        auto second = snapshotcodec::decodeApproaches(once, city());
        if (!second)
            return broken("a snapshot's approaches accepted, but their own encoding is refused", second.error());
        if (snapshotcodec::encodeApproaches(second.value()) != once)
            return broken("a snapshot's approaches accepted, but encoding is not stable");
        return kKept;
    }
    if (selector == kSnapshotSelector) {
        const CityModel &c = city();
        auto first = snapshotcodec::decode(blob, c.devices.size(), c.feeders.size());
        if (!first)
            return kRefused;
        const QByteArray once = snapshotcodec::encode(first.value());
        auto second = snapshotcodec::decode(once, c.devices.size(), c.feeders.size());
        if (!second)
            return broken("a snapshot accepted, but its own encoding is refused", second.error());
        if (snapshotcodec::encode(second.value()) != once)
            return broken("a snapshot accepted, but encoding is not stable");
        return kKept;
    }
    const auto kind = selector == kSealSelector ? eventcodec::Kind::SnapshotSeal : eventcodec::Kind(selector);
    auto first = eventcodec::decode(kind, blob);
    if (!first)
        return kRefused;
    if (eventcodec::kindOf(first.value()) != kind)
        return broken("a row of one kind read as a payload of another", eventcodec::kindName(kind));
    const QByteArray once = eventcodec::encode(first.value());
    auto second = eventcodec::decode(kind, once);
    if (!second)
        return broken("a row accepted, but its own encoding is refused", eventcodec::kindName(kind) + QStringLiteral(": ") + second.error());
    if (eventcodec::encode(second.value()) != once)
        return broken("a row accepted, but encoding is not stable", eventcodec::kindName(kind));
    return kKept;
}

std::vector<QByteArray> storeRowSeeds()
{
    std::vector<QByteArray> seeds;
    // Every kind the hour has, a few of each.
    int perKind[256] = {};
    for (const Event &e : allEvents()) {
        const auto kind = eventcodec::kindOf(e.payload);
        if (perKind[int(kind)]++ >= 4)
            continue;
        seeds.push_back(char(kind == eventcodec::Kind::SnapshotSeal ? kSealSelector : std::uint8_t(kind)) + eventcodec::encode(e.payload));
    }
    OperatorActionPayload action;
    action.action = OperatorAction::SignIn;
    action.user = QStringLiteral("olga");
    action.detail = QStringLiteral("operator");
    seeds.push_back(char(eventcodec::Kind::Operator) + eventcodec::encode(action));
    seeds.push_back(char(eventcodec::Kind::Session) + eventcodec::encode(SessionPayload{3}));
    seeds.push_back(char(kSealSelector) + eventcodec::encode(SnapshotSealPayload{4711, QStringLiteral("00ff00ff00ff00ff")}));
    // A snapshot of the city after the hour, as the store keeps one.
    CityBooks books(sharedCity());
    std::vector<Event> sequenced = simulatedHour();
    for (size_t i = 0; i < sequenced.size(); ++i)
        sequenced[i].seq = i + 1;
    books.apply(sequenced);
    Snapshot snapshot;
    static_cast<CityBooks::State &>(snapshot) = books.exportState();
    snapshot.seq = simulatedHour().size();
    snapshot.timeMs = simulatedHour().back().timeMs;
    seeds.push_back(char(kSnapshotSelector) + snapshotcodec::encode(snapshot));
    seeds.push_back(char(kApproachesSelector) + snapshotcodec::encodeApproaches(books.traffic().approachReports()));
    if (!city().signals.empty())
        seeds.push_back(char(kApproachesSelector)
                        + snapshotcodec::encodeApproaches({Event{0, simulatedHour().back().timeMs, city().signals.front().device,
                                                                 TrafficPayload{{{0, 3, 5, 20, 23}, {1, 0, 2, 4, 0}}}}}));
    return seeds;
}

// --- an export's lines and a city's rules --------------------------------------------------------------------------

Outcome checkJson(const QByteArray &input)
{
    if (input.isEmpty())
        return kRefused;
    const QByteArray text = input.mid(1);
    if (std::uint8_t(input[0]) % 2 == 1) {
        auto first = ResponseRules::fromJson(text);
        if (!first)
            return kRefused;
        const QByteArray once = first.value().toJson();
        auto second = ResponseRules::fromJson(once);
        if (!second)
            return broken("rules accepted, but their own file is refused", second.error());
        if (!(second.value() == first.value()))
            return broken("rules accepted, but their file reads back as other rules", QString::fromUtf8(once));
        return kKept;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(text);
    if (!doc.isObject())
        return kRefused;
    const CityModel &c = city();
    auto first = eventjson::eventFromJson(doc.object(), c);
    if (!first)
        return kRefused;
    const QJsonObject once = eventjson::eventToJson(first.value(), c);
    auto second = eventjson::eventFromJson(once, c);
    if (!second)
        return broken("an exported line accepted, but its own line is refused",
                      second.error() + QStringLiteral(" — ") + QString::fromUtf8(QJsonDocument(once).toJson(QJsonDocument::Compact).left(300)));
    if (eventjson::eventToJson(second.value(), c) != once)
        return broken("an exported line accepted, but writing it is not stable", QString::fromUtf8(QJsonDocument(once).toJson(QJsonDocument::Compact).left(300)));
    return kKept;
}

std::vector<QByteArray> jsonSeeds()
{
    std::vector<QByteArray> seeds;
    int perKind[256] = {};
    for (const Event &e : allEvents()) {
        if (perKind[int(eventcodec::kindOf(e.payload))]++ >= 4)
            continue;
        seeds.push_back('\0' + QJsonDocument(eventjson::eventToJson(e, city())).toJson(QJsonDocument::Compact));
    }
    seeds.push_back('\1' + ResponseRules::defaults().toJson());
    seeds.push_back(QByteArray("\1{\"acknowledge_within_min\":{\"critical\":3},\"on_scene_within_min\":{\"critical\":12,\"info\":0},\"hold_limit_min\":20}"));
    return seeds;
}

// --- a verifiable export, as a third party checks it (cityops-export verify --export) -------------------------------

/// The record's key of the fuzz targets' own (a test key, made for them with openssl genpkey -algorithm ed25519): the
/// same in every run, so inputs kept from one run check against the key of the next.
namespace {

const QByteArray kRecordKeyPem = "-----BEGIN PRIVATE KEY-----\n"
                                 "MC4CAQAwBQYDK2VwBCIEIMhLV71GSZ/Ur3/psOUaBd7hbUR3WyvVBJo+bAMO+wOg\n"
                                 "-----END PRIVATE KEY-----\n";

const CommandSigner &recordKey()
{
    static const CommandSigner key = [] {
        const QString path = scratch().filePath(QStringLiteral("record.key"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(kRecordKeyPem) != kRecordKeyPem.size()
            || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)) {
            std::fprintf(stderr, "fuzz: cannot write %s\n", qPrintable(path));
            std::abort();
        }
        file.close();
        auto signer = CommandSigner::fromPrivateKeyFile(path);
        if (!signer) {
            std::fprintf(stderr, "fuzz: %s\n", qPrintable(signer.error()));
            std::abort();
        }
        return std::move(signer).value();
    }();
    return key;
}

} // namespace

Outcome checkChainExport(const QByteArray &input)
{
    static const auto verifier = CommandVerifier::fromPublicKeyPem(recordKey().publicKeyPem());
    QByteArray bytes = input;
    QBuffer in(&bytes);
    in.open(QIODevice::ReadOnly);
    auto verdict = chainexport::verify(in, city(), verifier.value());
    if (!verdict)
        return kRefused;
    if (verdict.value().intact && verdict.value().events == 0)
        return broken("an export of no events found intact");
    return verdict.value().intact ? kKept : kRefused;
}

std::vector<QByteArray> chainExportSeeds()
{
    // The first minutes of the hour recorded as the console records (its pipeline, a checkpoint every 40 rows), then a
    // few seconds of it exported with the chain: small enough for a fuzzer to mutate.
    const QString path = scratch().filePath(QStringLiteral("seed.store"));
    QFile::remove(path);
    EventStoreOptions options;
    options.path = path;
    options.checkpointKey = std::shared_ptr<const CommandSigner>(&recordKey(), [](const CommandSigner *) {});
    options.checkpointEvents = 40;
    const std::int64_t start = simulatedHour().front().timeMs;
    {
        auto store = EventStore::open(options, city());
        if (!store) {
            std::fprintf(stderr, "fuzz: %s\n", qPrintable(store.error()));
            std::abort();
        }
        CorePipeline pipeline(sharedCity());
        pipeline.attachStore(store.value().get());
        std::vector<Event> batch{Event{0, start, kNoDevice, SessionPayload{1}}};
        for (const Event &e : simulatedHour())
            if (e.timeMs <= start + 600'000)
                batch.push_back(e);
        pipeline.process(batch);
        store.value()->flush();
    }
    std::vector<QByteArray> seeds;
    for (const std::int64_t from : {start + 300'000, start + 420'000}) {
        QByteArray out;
        QBuffer buffer(&out);
        buffer.open(QIODevice::WriteOnly);
        auto written = chainexport::write(path, city(), from, from + 4000, buffer);
        if (!written) {
            std::fprintf(stderr, "fuzz: %s\n", qPrintable(written.error()));
            std::abort();
        }
        seeds.push_back(out);
    }
    return seeds;
}

} // namespace cityops::fuzz
