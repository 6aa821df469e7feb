// The fuzzed parsers' promises in every test run, without libFuzzer: each target's seeds are accepted and survive the
// round trip (a seed refused would make the fuzzing start from nothing), and every input kept in tests/fuzz/corpus —
// the ones that once broke a parser, and what a fuzzing run found worth keeping — is refused or survives it.
#include "fuzztargets.h"

#include <QDir>
#include <QFile>
#include <QtTest>

using namespace cityops;

class TestFuzzCorpus : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void seedsAreAcceptedAndKeepTheirPromises_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("input");
        for (const fuzz::Target &t : fuzz::targets()) {
            int n = 0;
            for (const QByteArray &seed : t.seeds())
                QTest::addRow("%s seed %d", t.name, ++n) << QByteArray(t.name) << seed;
        }
    }
    void seedsAreAcceptedAndKeepTheirPromises()
    {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, input);
        const fuzz::Outcome outcome = fuzz::target(target)->check(input);
        QVERIFY2(outcome.accepted, qPrintable(QStringLiteral("a valid input was refused: ") + QString::fromUtf8(input.left(400).toPercentEncoding(" {}:,\"[]_-."))));
        QVERIFY2(outcome.broken.isEmpty(), qPrintable(outcome.broken));
    }

    void everyTargetHasSeedsOfEachKind()
    {
        // The wire's seeds start every decoder (the first byte picks it), the store's every kind of row and a snapshot.
        QSet<int> selectors;
        for (const QByteArray &seed : fuzz::target("wire")->seeds())
            selectors.insert(std::uint8_t(seed[0]));
        QCOMPARE(selectors.size(), 14);
        selectors.clear();
        for (const QByteArray &seed : fuzz::target("storerow")->seeds())
            selectors.insert(std::uint8_t(seed[0]));
        QVERIFY2(selectors.size() >= 10, qPrintable(QString::number(selectors.size())));
    }

    void keptInputsKeepTheirPromises_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QString>("path");
        const QDir corpus(QStringLiteral(CITYOPS_SOURCE_DIR "/tests/fuzz/corpus"));
        int files = 0;
        for (const fuzz::Target &t : fuzz::targets()) {
            const QDir folder(corpus.filePath(QString::fromLatin1(t.name)));
            for (const QString &name : folder.entryList(QDir::Files, QDir::Name)) {
                QTest::addRow("%s/%s", t.name, qPrintable(name)) << QByteArray(t.name) << folder.filePath(name);
                ++files;
            }
        }
        if (files == 0)
            QTest::addRow("no corpus") << QByteArray() << QString();
    }
    void keptInputsKeepTheirPromises()
    {
        QFETCH(QByteArray, target);
        QFETCH(QString, path);
        QVERIFY2(!target.isEmpty(), "tests/fuzz/corpus holds no inputs");
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const fuzz::Outcome outcome = fuzz::target(target)->check(file.readAll());
        QVERIFY2(outcome.broken.isEmpty(), qPrintable(outcome.broken));
    }
};

QTEST_GUILESS_MAIN(TestFuzzCorpus)
#include "tst_fuzzcorpus.moc"
