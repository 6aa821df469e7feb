#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

class TestTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void inStepWithTheSources_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("ja") << QStringLiteral("ja");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
        QTest::newRow("en (plural forms only)") << QStringLiteral("en");
    }
    void inStepWithTheSources()
    {
        QFETCH(QString, language);
        const QString committed = QStringLiteral(CITYOPS_SOURCE_DIR "/translations/cityops_%1.ts").arg(language);
        QFile original(committed);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QString before = QString::fromUtf8(original.readAll());

        // Re-extract the strings from today's sources into a copy; nothing may be new, vanished or unfinished.
        QTemporaryDir dir;
        const QString copy = dir.filePath(QFileInfo(committed).fileName());
        QVERIFY(QFile::copy(committed, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        // English is the sources' language: its catalogue holds only the messages that count (lupdate -pluralonly).
        const bool pluralsOnly = language == QLatin1String("en");
        QStringList options{QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none")};
        if (pluralsOnly)
            options << QStringLiteral("-pluralonly");
        QProcess lupdate;
        // Include paths let lupdate see the class declarations, so contexts carry their namespace as in the build.
        lupdate.start(QStringLiteral(LUPDATE_PATH),
                      options + QStringList{QStringLiteral("-I"), QStringLiteral(CITYOPS_SOURCE_DIR "/widgets"),
                       QStringLiteral("-I"), QStringLiteral(CITYOPS_SOURCE_DIR "/backend"),
                       QStringLiteral("-I"), QStringLiteral(CITYOPS_SOURCE_DIR "/app"),
                       QStringLiteral("@" UI_SOURCES_LIST), QStringLiteral("-ts"), copy});
        QVERIFY(lupdate.waitForFinished(120000));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());
        QFile updated(copy);
        QVERIFY(updated.open(QIODevice::ReadOnly));
        const QString after = QString::fromUtf8(updated.readAll());
        const auto messages = [](const QString &ts) { return ts.count(QStringLiteral("<message")); };
        QVERIFY(messages(before) > (pluralsOnly ? 40 : 100));
        QVERIFY2(messages(after) == messages(before),
                 qPrintable(QStringLiteral("translations/cityops_%1.ts is out of step with the sources (%2 vs %3 "
                                           "messages): run `cmake --build build --target update_translations` and translate")
                                .arg(language).arg(messages(before)).arg(messages(after))));
        QVERIFY2(!after.contains(QLatin1String("type=\"unfinished\"")),
                 qPrintable(QStringLiteral("untranslated strings in cityops_%1.ts").arg(language)));
        QVERIFY(!after.contains(QLatin1String("type=\"vanished\"")));
    }

    void formatStringsKeepTheirPlaceholders_data() { inStepWithTheSources_data(); }
    void formatStringsKeepTheirPlaceholders()
    {
        // "Dim to % 40": a translation that loses, doubles or mangles a %1 or %n shows people a broken sentence (or
        // the wrong number). Every translation must carry exactly the placeholders of its source.
        QFETCH(QString, language);
        QFile ts(QStringLiteral(CITYOPS_SOURCE_DIR "/translations/cityops_%1.ts").arg(language));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(ts.readAll());
        static const QRegularExpression message(QStringLiteral("<message[^>]*>(.*?)</message>"), QRegularExpression::DotMatchesEverythingOption);
        static const QRegularExpression source(QStringLiteral("<source>(.*?)</source>"), QRegularExpression::DotMatchesEverythingOption);
        static const QRegularExpression form(QStringLiteral("<(?:translation|numerusform)[^>]*>([^<]*)</(?:translation|numerusform)>"));
        static const QRegularExpression placeholder(QStringLiteral("%L?(\\d{1,2}|n)"));
        const auto placeholders = [](const QString &s) {
            QStringList found;
            for (auto it = placeholder.globalMatch(s); it.hasNext();)
                found << it.next().captured(1);
            found.sort();
            found.removeDuplicates();
            return found;
        };
        int checked = 0;
        QStringList broken;
        for (auto it = message.globalMatch(text); it.hasNext();) {
            const QString block = it.next().captured(1);
            const QString src = source.match(block).captured(1);
            const QStringList want = placeholders(src);
            for (auto f = form.globalMatch(block.mid(block.indexOf(QLatin1String("</source>")))); f.hasNext();) {
                const QString translated = f.next().captured(1);
                if (translated.isEmpty())
                    continue;
                ++checked;
                if (placeholders(translated) != want)
                    broken << QStringLiteral("\"%1\" → \"%2\"").arg(src, translated);
            }
        }
        QVERIFY(checked > (language == QLatin1String("en") ? 80 : 100));
        QVERIFY2(broken.isEmpty(), qPrintable(broken.join(QLatin1Char('\n'))));
    }

    void compiledCatalogueTranslates()
    {
        QTranslator ja, zh;
        QVERIFY(ja.load(QStringLiteral(QM_DIR "/cityops_ja.qm")));
        QVERIFY(zh.load(QStringLiteral(QM_DIR "/cityops_zh_CN.qm")));
        const QString ja1 = ja.translate("cityops::MainWindow", "Incidents");
        const QString zh1 = zh.translate("cityops::MainWindow", "Incidents");
        QVERIFY(!ja1.isEmpty() && ja1 != QLatin1String("Incidents"));
        QVERIFY(!zh1.isEmpty() && zh1 != QLatin1String("Incidents"));
        QVERIFY(ja1 != zh1);
    }

    void englishSaysOneAndMany_data()
    {
        QTest::addColumn<QByteArray>("context");
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("shown");
        QTest::newRow("one alarm") << QByteArray("cityops::Annunciator") << QByteArray("%n high-priority alarm(s) not acknowledged") << 1
                                   << QStringLiteral("1 high-priority alarm not acknowledged");
        QTest::newRow("three alarms") << QByteArray("cityops::Annunciator") << QByteArray("%n high-priority alarm(s) not acknowledged") << 3
                                      << QStringLiteral("3 high-priority alarms not acknowledged");
        QTest::newRow("none") << QByteArray("cityops::OrderPanel") << QByteArray("Order %1: %n target(s)") << 0
                              << QStringLiteral("Order %1: 0 targets");
        QTest::newRow("its deadline") << QByteArray("cityops::Annunciator") << QByteArray("%n incident(s) past their deadline") << 1
                                      << QStringLiteral("1 incident past its deadline");
        QTest::newRow("their deadline") << QByteArray("cityops::Annunciator") << QByteArray("%n incident(s) past their deadline") << 2
                                        << QStringLiteral("2 incidents past their deadline");
        QTest::newRow("one event not recorded") << QByteArray("cityops::Labels")
                                                << QByteArray("%Ln event(s) not recorded over %1: the console could not write them (its disk "
                                                              "full, or its recording too far behind) — the record's check names them")
                                                << 1
                                                << QStringLiteral("1 event not recorded over %1: the console could not write it (its disk full, or "
                                                                  "its recording too far behind) — the record's check names it");
        QTest::newRow("no %n in the source") << QByteArray("cityops::CommandDialog") << QByteArray("Unknown device(s): %1") << 1
                                             << QStringLiteral("Unknown device: %1");
    }
    void englishSaysOneAndMany()
    {
        // The console shows "1 alarm" and "3 alarms", never "1 alarm(s)": the English catalogue's plural forms,
        // through QCoreApplication::translate as every tr() call reaches them.
        QFETCH(QByteArray, context);
        QFETCH(QByteArray, source);
        QFETCH(int, n);
        QFETCH(QString, shown);
        QTranslator en;
        QVERIFY(en.load(QStringLiteral(QM_DIR "/cityops_en.qm")));
        QVERIFY(QCoreApplication::installTranslator(&en));
        const QString said = QCoreApplication::translate(context.constData(), source.constData(), nullptr, n);
        QCoreApplication::removeTranslator(&en);
        QCOMPARE(said, shown);
    }

    void everyEnglishCountHasBothForms()
    {
        // A plural form left empty would show the bare source ("(s)") for that count.
        QFile ts(QStringLiteral(CITYOPS_SOURCE_DIR "/translations/cityops_en.ts"));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(ts.readAll());
        static const QRegularExpression message(QStringLiteral("<message numerus=\"yes\">(.*?)</message>"), QRegularExpression::DotMatchesEverythingOption);
        static const QRegularExpression form(QStringLiteral("<numerusform>([^<]+)</numerusform>"));
        int counted = 0;
        for (auto it = message.globalMatch(text); it.hasNext();) {
            const QString block = it.next().captured(1);
            int forms = 0;
            for (auto f = form.globalMatch(block); f.hasNext(); f.next())
                ++forms;
            QVERIFY2(forms == 2, qPrintable(block));
            QVERIFY2(!block.section(QLatin1String("</source>"), 1).contains(QLatin1String("(s)")), qPrintable(block));
            ++counted;
        }
        QVERIFY(counted > 40);
        QCOMPARE(counted, int(text.count(QLatin1String("<message"))));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
