// The consoles' shared operations without a broker: what a console publishes, what it takes in from the others,
// and what it hands over to a console that joins late (only what is still open, from one console only).
#include "link/opsexchange.h"
#include "storetesting.h"

#include <QtTest>

using namespace cityops;
using namespace cityops::test;

namespace {

struct Published {
    QByteArray topic;
    wire::OpsMessage message;
};

/// An exchange whose messages land in a list instead of a broker.
struct Desk {
    OpsExchange exchange;
    std::vector<Published> out;
    bool brokerUp = true;

    explicit Desk(const QString &console) : exchange(*fixtureCity(), console)
    {
        exchange.setPublisher([this](const QByteArray &topic, const QByteArray &payload) {
            if (!brokerUp)
                return false;
            auto decoded = wire::decodeOps(payload, *fixtureCity());
            if (!std::holds_alternative<wire::OpsMessage>(decoded))
                qFatal("the exchange published something it cannot read back");
            out.push_back({topic, std::get<wire::OpsMessage>(decoded)});
            return true;
        });
    }
    QByteArray encoded(size_t i) const { return wire::encodeOps(out.at(i).message, *fixtureCity()); }
};

Event step(IncidentId id, IncidentState state, const QString &user = QStringLiteral("rita"))
{
    IncidentUpdatePayload p;
    p.id = id;
    p.change = IncidentChange::Transition;
    p.state = state;
    p.user = user;
    return Event{0, 1'790'000'000'000, kNoDevice, p};
}

Event order(std::uint32_t id, CommandStage stage, DeviceIndex device = kNoDevice)
{
    CommandPayload p;
    p.order = id;
    p.stage = stage;
    p.action = CommandAction::LightDim;
    p.value = 40;
    p.user = QStringLiteral("sven");
    return Event{0, 1'790'000'000'000, device, p};
}

std::vector<Event> allHandedOver(const Desk &desk, const QString &to)
{
    std::vector<Event> events;
    for (const Published &p : desk.out)
        if (p.topic == wire::handoverTopic(to))
            events.insert(events.end(), p.message.events.begin(), p.message.events.end());
    return events;
}

} // namespace

class TestOpsExchange : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(fixtureCity()); }

    void sharesOnTheOpsTopic()
    {
        Desk a(QStringLiteral("desk-a"));
        a.exchange.share({step(5, IncidentState::Acknowledged)});
        QCOMPARE(a.out.size(), size_t(1));
        QCOMPARE(a.out[0].topic, wire::opsTopic());
        QCOMPARE(a.out[0].message.console, QStringLiteral("desk-a"));
        QCOMPARE(a.exchange.shared(), 1u);
    }

    void ownMessagesAreNotAppliedTwice()
    {
        Desk a(QStringLiteral("desk-a"));
        a.exchange.share({step(5, IncidentState::Acknowledged)});
        const auto back = a.exchange.receive(a.encoded(0), false);
        QVERIFY(std::holds_alternative<std::vector<Event>>(back));
        QVERIFY(std::get<std::vector<Event>>(back).empty());
        QCOMPARE(a.exchange.received(), 0u);
    }

    void takesInTheOthers()
    {
        Desk a(QStringLiteral("desk-a")), b(QStringLiteral("desk-b"));
        a.exchange.share({step(5, IncidentState::Acknowledged), order(9, CommandStage::Requested)});
        const auto got = b.exchange.receive(a.encoded(0), false);
        QCOMPARE(std::get<std::vector<Event>>(got).size(), size_t(2));
        QCOMPARE(b.exchange.received(), 2u);
    }

    void refusesWhatIsNotAnOperation()
    {
        Desk b(QStringLiteral("desk-b"));
        const QByteArray telemetry = wire::encodeOps({QStringLiteral("desk-a"), {Event{0, 1, 0, SignalPayload{}}}}, *fixtureCity());
        const auto got = b.exchange.receive(telemetry, false);
        QVERIFY(std::holds_alternative<wire::Refused>(got));
        QCOMPARE(int(std::get<wire::Refused>(got).reason), int(wire::Refusal::WrongKind));
        QCOMPARE(b.exchange.received(), 0u);
    }

    /// A late joiner gets the open incidents' steps and the open orders' history — nothing that has ended.
    void handsOverOnlyWhatIsOpen()
    {
        Desk a(QStringLiteral("desk-a"));
        a.exchange.share({step(5, IncidentState::Acknowledged), step(6, IncidentState::Acknowledged),
                          step(6, IncidentState::Closed), order(9, CommandStage::Requested),
                          order(9, CommandStage::Sent, 3), order(10, CommandStage::Requested),
                          order(10, CommandStage::Finished)});
        a.exchange.handOver(QStringLiteral("desk-c"));
        const std::vector<Event> handed = allHandedOver(a, QStringLiteral("desk-c"));
        QCOMPARE(handed.size(), size_t(3));
        QCOMPARE(std::get<IncidentUpdatePayload>(handed[0].payload).id, IncidentId(5));
        QCOMPARE(std::get<CommandPayload>(handed[1].payload).order, 9u);
        QCOMPARE(std::get<CommandPayload>(handed[2].payload).stage, CommandStage::Sent);
        QCOMPARE(handed[2].device, DeviceIndex(3));
    }

    /// What a console received from others is part of what it hands over.
    void handsOverWhatOthersShared()
    {
        Desk a(QStringLiteral("desk-a")), b(QStringLiteral("desk-b"));
        a.exchange.share({order(9, CommandStage::Requested)});
        (void)b.exchange.receive(a.encoded(0), false);
        b.exchange.handOver(QStringLiteral("desk-c"));
        QCOMPARE(allHandedOver(b, QStringLiteral("desk-c")).size(), size_t(1));
    }

    void nothingOpenNothingHandedOver()
    {
        Desk a(QStringLiteral("desk-a"));
        a.exchange.handOver(QStringLiteral("desk-c"));
        QVERIFY(a.out.empty());
    }

    /// Every console that was there hands over the same history: the joiner takes one and ignores the rest.
    void takesOneHandOver()
    {
        Desk a(QStringLiteral("desk-a")), b(QStringLiteral("desk-b")), c(QStringLiteral("desk-c"));
        a.exchange.share({order(9, CommandStage::Requested)});
        (void)b.exchange.receive(a.encoded(0), false);
        a.exchange.handOver(QStringLiteral("desk-c"));
        b.exchange.handOver(QStringLiteral("desk-c"));
        const QByteArray fromA = a.encoded(a.out.size() - 1);
        const QByteArray fromB = b.encoded(b.out.size() - 1);
        QCOMPARE(std::get<std::vector<Event>>(c.exchange.receive(fromA, true)).size(), size_t(1));
        QVERIFY(std::get<std::vector<Event>>(c.exchange.receive(fromB, true)).empty());
        // ... but more of the same console's hand-over (a second chunk) is taken.
        QCOMPARE(std::get<std::vector<Event>>(c.exchange.receive(fromA, true)).size(), size_t(1));
    }

    /// Large histories go in chunks under the size limit, in order.
    void chunksLargeHandOvers()
    {
        Desk a(QStringLiteral("desk-a"));
        std::vector<Event> many;
        for (std::uint32_t i = 1; i <= 450; ++i)
            many.push_back(step(i, IncidentState::Acknowledged));
        a.exchange.share(many);
        a.out.clear();
        a.exchange.handOver(QStringLiteral("desk-c"));
        QCOMPARE(a.out.size(), size_t(3));
        const std::vector<Event> handed = allHandedOver(a, QStringLiteral("desk-c"));
        QCOMPARE(handed.size(), size_t(450));
        for (size_t i = 0; i < handed.size(); ++i)
            QCOMPARE(std::get<IncidentUpdatePayload>(handed[i].payload).id, IncidentId(i + 1));
    }

    void countsWhatCouldNotBeSent()
    {
        Desk a(QStringLiteral("desk-a"));
        a.brokerUp = false;
        a.exchange.share({step(5, IncidentState::Acknowledged)});
        QCOMPARE(a.exchange.failures(), 1u);
        QCOMPARE(a.exchange.shared(), 0u);
    }
};

QTEST_GUILESS_MAIN(TestOpsExchange)
#include "tst_opsexchange.moc"
