// The console in Japanese and Chinese (issue 16, item 13): what it writes itself — the event log, the link, the
// importer's district names, dates — reads in the language, in its order; Replay (the mode) and Play (the button)
// are different words.
#include "labels.h"
#include "panels/energypanel.h"
#include "map/mapstyle.h"
#include "panels/qcustomplot_include.h"
#include "statusline.h"

#include <QColor>
#include "testcity.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLabel>
#include <QLocale>
#include <QScopeGuard>
#include <QStatusBar>
#include <QTest>
#include <QTranslator>

using namespace cityops;

class TestLanguage : public QObject {
    Q_OBJECT
    QTranslator m_translator;

    static QString translated(const char *context, const char *source, const char *comment = nullptr)
    {
        return QCoreApplication::translate(context, source, comment);
    }

private Q_SLOTS:
    void japanese()
    {
        QVERIFY(m_translator.load(QStringLiteral(QM_DIR "/cityops_ja.qm")));
        QCoreApplication::installTranslator(&m_translator);
        QLocale::setDefault(QLocale(QLocale::Japanese, QLocale::Japan));

        // The event log: the record's fixed words translated, people's names and words as written.
        const QString acknowledged = Labels::activity(QStringLiteral("incident #7 acknowledged by rita: on my way"));
        QVERIFY2(acknowledged.startsWith(QStringLiteral("インシデント #7")) && acknowledged.contains(QLatin1String("rita"))
                     && acknowledged.contains(QLatin1String("on my way")) && !acknowledged.contains(QLatin1String("acknowledged")),
                 qPrintable(acknowledged));
        QCOMPARE(Labels::activity(QStringLiteral("sign-in olga: operator")), QStringLiteral("olga サインイン — operator"));
        // The city's rules changed: no person's name in front, what changed as recorded.
        QCOMPARE(Labels::activity(QStringLiteral("rules-changed (city): critical acknowledgement deadline: 2 min → 7 min")),
                 QStringLiteral("都市の対応ルールが変更されました — critical acknowledgement deadline: 2 min → 7 min"));
        // Nor does an administrator's change of an account: the account that made it, without the record's parentheses.
        QCOMPARE(Labels::activity(QStringLiteral("account-changed (root@ops-1): unlock olga (users.db change 3 of journal 5f0c1d2e3a4b5c6d, made "
                                                 "2026-12-06T09:14:03+01:00)")),
                 QStringLiteral("管理者（root@ops-1）が cityops-admin でアカウントを変更しました — unlock olga (users.db change 3 of journal "
                                "5f0c1d2e3a4b5c6d, made 2026-12-06T09:14:03+01:00)"));
        // Nor a keyring's: whose keys are believed.
        QCOMPARE(Labels::activity(QStringLiteral("keyring-changed (root@ops-1): console-remove desk-2: key 1a2b3c4d5e6f7a8b (consoles.json change 2 of "
                                                 "journal 5f0c1d2e3a4b5c6d, made 2026-12-06T08:14:03Z)")),
                 QStringLiteral("管理者（root@ops-1）が cityops-admin で信頼する鍵を変更しました — console-remove desk-2: key 1a2b3c4d5e6f7a8b "
                                "(consoles.json change 2 of journal 5f0c1d2e3a4b5c6d, made 2026-12-06T08:14:03Z)"));
        // Changed some other way: nobody named, what differs and where the keyring stood as recorded.
        QCOMPARE(Labels::activity(QStringLiteral("keyring-changed (unknown): outside-change mallory added (key 1a2b3c4d5e6f7a8b) (consoles.json after "
                                                 "change 2 in journal 5f0c1d2e3a4b5c6d, keys 9a8b7c6d5e4f3a2b)")),
                 QStringLiteral("信頼する鍵が cityops-admin 以外で変更されました。変更者は記録されていません — mallory added (key 1a2b3c4d5e6f7a8b) "
                                "(consoles.json after change 2 in journal 5f0c1d2e3a4b5c6d, keys 9a8b7c6d5e4f3a2b)"));
        // A gateway's keyrings turning other than this console's: the link recorded it, no person.
        QCOMPARE(Labels::activity(QStringLiteral("keyring-changed (gw-west): gateway-keyrings gw-west holds another console keyring than this "
                                                 "console (its keys 1a2b3c4d5e6f7a8b, this console's 9a8b7c6d5e4f3a2b)")),
                 QStringLiteral("ゲートウェイの信頼する鍵をこのコンソールと照合しました — gw-west holds another console keyring than this console "
                                "(its keys 1a2b3c4d5e6f7a8b, this console's 9a8b7c6d5e4f3a2b)"));
        // The same of another desk of the room.
        QCOMPARE(Labels::activity(QStringLiteral("keyring-changed (desk-2): desk-keyrings desk-2 holds the same approver keyring as this console "
                                                 "again (keys 9a8b7c6d5e4f3a2b)")),
                 QStringLiteral("別のデスクの信頼する鍵をこのコンソールと照合しました — desk-2 holds the same approver keyring as this console again "
                                "(keys 9a8b7c6d5e4f3a2b)"));
        // A person's own new password, as the record keeps it: theirs, not an administrator's.
        QVERIFY(Labels::activity(QStringLiteral("account-changed (olga@desk-1): change-password olga (users.db change 4 of journal "
                                                "5f0c1d2e3a4b5c6d, made 2026-12-07T06:00:00Z)"))
                    .startsWith(QStringLiteral("olga@desk-1 が自分のパスワードを設定しました — change-password olga")));
        // Events the console could not record, where a replay passes them (store/recordgap.h).
        QCOMPARE(Labels::activity(QStringLiteral("unrecorded 6483 events over 209000 ms")),
                 QStringLiteral("6,483 件のイベントが 3 分 にわたり記録されていません：コンソールが書き込めませんでした（ディスクが満杯、または記録が"
                                "大きく遅れていた）— 記録の検査がそれらを示します"));
        QVERIFY(Labels::activity(QStringLiteral("order 5 finished")).startsWith(QStringLiteral("指令 5")));
        QVERIFY(Labels::activity(QStringLiteral("alarm 12 lamp-fault shelved by sven")).contains(QStringLiteral("保留")));
        QCOMPARE(Labels::activity(QStringLiteral("something a newer console wrote")), QStringLiteral("something a newer console wrote"));

        // The link and the importer's compass districts; a package's own district names stay as they are.
        QCOMPARE(Labels::linkDescription(LinkStatus::simulator(LinkState::Connected, 30)), QStringLiteral("シミュレーター ×30"));
        // Co-simulation slower than asked: every word of the embedded link's translated, SUMO's own error as written.
        const QString slow = Labels::linkDescription(LinkStatus::simulator(LinkState::Degraded, 600, 150, true, QStringLiteral("SUMO stopped: x")));
        QVERIFY2(slow.startsWith(QStringLiteral("シミュレーター ×600")) && slow.contains(QLatin1String("150")) && slow.contains(QLatin1String("SUMO"))
                     && !slow.contains(QLatin1String("keeps")) && !slow.contains(QLatin1String("signals by")) && slow.contains(QLatin1String("SUMO stopped: x")) && !slow.contains(QLatin1String("not reporting")),
                 qPrintable(slow));
        QCOMPARE(Labels::linkDescription(LinkStatus::network(LinkState::Connected, QStringLiteral("mqtts://broker:8883"))),
                 QStringLiteral("mqtts://broker:8883"));
        // A broker's own words stay as written; the link's are translated.
        const QString retrying = Labels::linkDescription(
            LinkStatus::network(LinkState::Degraded, QStringLiteral("mqtts://broker:8883"), QStringLiteral("Connection refused"), true));
        QVERIFY2(retrying.startsWith(QLatin1String("mqtts://broker:8883")) && retrying.endsWith(QLatin1String("Connection refused"))
                     && !retrying.contains(QLatin1String("retrying")),
                 qPrintable(retrying));
        CityModel city;
        city.districts.push_back({QStringLiteral("d1"), QStringLiteral("North-West"), {}, true});
        city.districts.push_back({QStringLiteral("d2"), QStringLiteral("Adlershof"), {}, false});
        QCOMPARE(Labels::district(city, 0), QStringLiteral("北西"));
        QCOMPARE(Labels::district(city, 1), QStringLiteral("Adlershof"));

        // Dates in the language's order: "11月29日(日)", not "日 29 11月".
        const QDateTime t(QDate(2026, 11, 29), QTime(22, 47, 21));
        const QString clock = QLocale().toString(t, translated("cityops::StatusLine", "ddd d MMM  HH:mm:ss ", "date format: each language its own order"));
        QVERIFY2(clock.startsWith(QStringLiteral("11月29日(日)")), qPrintable(clock));

        // The energy panel's axis labels read whole at the height the console gives the panel (it was clipped).
        {
            EnergyPanel energy(test::networkCity());
            energy.resize(700, 250);
            energy.show();
            QVERIFY(QTest::qWaitForWindowExposed(&energy));
            energy.plot()->replot();
            for (QCPAxisRect *rect : energy.plot()->axisRects()) {
                QCPAxis *axis = rect->axis(QCPAxis::atLeft);
                const int needed = QFontMetrics(axis->labelFont()).horizontalAdvance(axis->label());
                QVERIFY2(needed <= rect->height(), qPrintable(QStringLiteral("\"%1\" needs %2 px, has %3").arg(axis->label()).arg(needed).arg(rect->height())));
            }
        }

        // Replay the mode, Play the button: two words.
        const QString replay = translated("cityops::MainWindow", "&Replay");
        const QString play = translated("cityops::ReplayBar", "Play");
        QVERIFY2(!replay.contains(play), qPrintable(replay + QStringLiteral(" / ") + play));
        QCoreApplication::removeTranslator(&m_translator);
    }

    void chinese()
    {
        QTranslator zh;
        QVERIFY(zh.load(QStringLiteral(QM_DIR "/cityops_zh_CN.qm")));
        QCoreApplication::installTranslator(&zh);
        QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
        QVERIFY(Labels::activity(QStringLiteral("order 5 approved by sven")).startsWith(QStringLiteral("指令 5")));
        QCOMPARE(Labels::linkDescription(LinkStatus::simulator(LinkState::Connected, 30)), QStringLiteral("模拟器 ×30"));
        const QString slow = Labels::linkDescription(LinkStatus::simulator(LinkState::Connected, 600, 150, true));
        QVERIFY2(slow.startsWith(QStringLiteral("模拟器 ×600")) && slow.contains(QLatin1String("150")) && !slow.contains(QLatin1String("keeps")),
                 qPrintable(slow));
        const QString clock = QLocale().toString(QDateTime(QDate(2026, 11, 29), QTime(22, 47)),
                                                 translated("cityops::StatusLine", "ddd d MMM  HH:mm:ss ", "date format: each language its own order"));
        QVERIFY2(clock.startsWith(QStringLiteral("11月29日")), qPrintable(clock));
        QVERIFY(translated("cityops::MainWindow", "&Replay") != translated("cityops::ReplayBar", "Play"));
        QCoreApplication::removeTranslator(&zh);
        QLocale::setDefault(QLocale::c());
    }

    void theStatusBarSaysALostBrokerInTheDesksLanguage()
    {
        // What a Japanese desk reads when its broker went away: the broker's address and the broker's own words as
        // written, everything else in Japanese, on amber (the link is the one abnormal thing on the bar).
        QTranslator ja;
        QVERIFY(ja.load(QStringLiteral(QM_DIR "/cityops_ja.qm")));
        QCoreApplication::installTranslator(&ja);
        const auto restore = qScopeGuard([&ja] { QCoreApplication::removeTranslator(&ja); });
        QStatusBar bar;
        bar.resize(1200, 32);
        StatusLine line(&bar);
        line.showLink(LinkStatus::network(LinkState::Degraded, QStringLiteral("mqtts://broker.city:8883"), QStringLiteral("Connection refused"), true));
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);   // the figure measured in its font, laid out
        const QImage shot = bar.grab().toImage();
        const QLabel *link = nullptr;
        for (const QLabel *label : bar.findChildren<QLabel *>())
            if (label->isVisible() && QString(label->text() + label->toolTip()).contains(QLatin1String("mqtts://broker.city:8883")))
                link = label;
        QVERIFY(link);
        // Longer than a figure may be, in Japanese: cut in the middle; the whole in its tooltip.
        const QString text = link->toolTip().isEmpty() ? link->text() : link->toolTip();
        QVERIFY2(!link->text().contains(QLatin1String("Link")) && link->text().startsWith(text.left(4)), qPrintable(link->text()));
        QVERIFY2(text.contains(QLatin1String("Connection refused")) && !text.contains(QLatin1String("Link"))
                     && !text.contains(QLatin1String("retrying")) && !text.contains(QLatin1String("reconnecting")) && !text.contains(QLatin1String("degraded")),
                 qPrintable(text));
        // Its left margin, clear of the text: amber.
        const QPoint margin = link->mapTo(&bar, QPoint(2, link->height() / 2)) * shot.devicePixelRatio();
        QCOMPARE(shot.pixelColor(margin).name(), mapstyle::alarmAmber().name());

        // Back on line: the same label, neutral again.
        line.showLink(LinkStatus::network(LinkState::Connected, QStringLiteral("mqtts://broker.city:8883")));
        const QImage calm = bar.grab().toImage();
        QVERIFY2(calm.pixelColor(margin).name() != mapstyle::alarmAmber().name(), qPrintable(calm.pixelColor(margin).name()));
        QVERIFY2(!QString(link->text() + link->toolTip()).contains(QLatin1String("Connection refused")), qPrintable(link->text()));
    }
};

QTEST_MAIN(TestLanguage)
#include "tst_language.moc"
