// cityops: the operations console. Wiring only: command line, translations, city, engine, window.
#include "city/citypackage.h"
#include "city/mbtiles.h"
#include "city/syntheticdevices.h"
#include "commandline.h"
#include "startup.h"
#include "base/stopsignals.h"
#include "engine/engine.h"
#include "engine/adminwatch.h"
#include "engine/ruleswatch.h"
#include "link/mqttlink.h"
#include "link/simlink.h"
#ifdef CITYOPS_HAVE_SUMO
#include "sim/sumoplant.h"
#endif
#include "mainwindow.h"
#include "ops/opsclient.h"
#include "ops/opsconsole.h"
#include "security/approval.h"
#include "map/mapview.h"
#include "base/trustfile.h"
#include "security/commandsigner.h"
#include "security/consolekeyring.h"
#include "wall/walllayout.h"
#include "security/ldapdirectory.h"
#include "security/userdirectory.h"
#include "store/eventstore.h"
#include "store/storelock.h"
#include "access/accesscontrol.h"

#include <QApplication>
#include <QRandomGenerator>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>
#include <QUrl>
#include <QSysInfo>
#include <QTimer>

#include <cstdio>
#include <optional>

using namespace cityops;
using namespace cityops::start;

int main(int argc, char **argv)
{
    QElapsedTimer startup;
    startup.start();
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    auto parsed = parseConsoleArguments(arguments);
    if (!parsed) {
        std::fprintf(stderr, "cityops: %s\nTry 'cityops --help' for the options.\n", qPrintable(parsed.error()));
        return kExitUsage;
    }
    const ConsoleOptions options = parsed.value();
    if (options.showHelp) {
        std::fputs(qPrintable(consoleHelpText()), stdout);
        return 0;
    }
    if (options.showVersion) {
        std::printf("cityops %s\n", CITYOPS_VERSION);
        return 0;
    }
    if (!haveDisplay()) {
        if (options.screenshotPath.isEmpty()) {
            std::fprintf(stderr, "cityops: no display (DISPLAY and WAYLAND_DISPLAY are unset). Run it in a desktop session, "
                                 "under xvfb-run, or with --screenshot FILE.png to render without a display.\n");
            return kExitFailure;
        }
        qputenv("QT_QPA_PLATFORM", "offscreen"); // a screenshot needs no screen
    }

    QApplication app(argc, argv);
    // Caught from here on: a shutdown during start-up (the store's check, SUMO's network extracted to a temporary
    // folder) stops the console before it starts anything more, instead of leaving those files behind.
    StopSignals stopSignals;
    const auto stoppedWhileStarting = [&stopSignals] {
        const QString stop = stopSignals.received();
        if (!stop.isEmpty())
            qCInfo(lcApp).noquote() << stop << "received during start-up: the console stops before it starts";
        return !stop.isEmpty();
    };
    QCoreApplication::setOrganizationName(QStringLiteral("CityOps"));
    QCoreApplication::setApplicationName(QStringLiteral("cityops"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CITYOPS_VERSION));
    installTranslations(app, options.language);
    // A wall is never interactive: nobody is there to answer a dialog (errors go to the log and the exit code).
    const bool interactive = options.screenshotPath.isEmpty() && options.wallLayout.isEmpty()
                             && QGuiApplication::platformName() != QLatin1String("offscreen");
    // Why the console cannot start: on stderr, and in a message box where someone is at the desk. A shutdown closes
    // the box (nobody may be there to press OK, and nothing has started that needs it).
    const auto fail = [&](const QString &message, int code) {
        std::fprintf(stderr, "cityops: %s\n", qPrintable(message));
        if (interactive) {
            QMessageBox box(QMessageBox::Critical, QObject::tr("CityOps cannot start"), message, QMessageBox::Ok);
            stopSignals.onStop(&box, [&box](const QString &name) {
                qCInfo(lcApp).noquote() << name << "received: the console stops";
                box.reject();
            });
            box.exec();
        }
        return code;
    };

    const bool userCity = !options.cityPath.isEmpty();
    const QString cityPath = userCity ? options.cityPath : defaultCityPath();
    auto city = citypackage::read(cityPath);
    if (!city)
        return fail(QObject::tr("Cannot open the city: %1").arg(city.error()), userCity ? kExitUsage : kExitFailure);
    if (options.syntheticDevices > 0) {
        auto enlarged = std::make_shared<CityModel>(*city.value());
        addSyntheticDevices(*enlarged, static_cast<size_t>(options.syntheticDevices), options.seed);
        enlarged->meta.name += QStringLiteral(" +%1 synthetic").arg(options.syntheticDevices);
        city = std::shared_ptr<const CityModel>(std::move(enlarged));
    }
    qCInfo(lcApp) << "city" << city.value()->meta.name << "loaded in" << startup.elapsed() << "ms";
    std::optional<WallLayout> wallLayout;
    if (!options.wallLayout.isEmpty()) {
        auto layout = options.wallLayout == QLatin1String("default") ? Result<WallLayout>(WallLayout::builtIn())
                                                                     : WallLayout::load(options.wallLayout, city.value()->districtNames());
        if (!layout)
            return fail(QObject::tr("Cannot use the wall layout: %1").arg(layout.error()), kExitUsage);
        wallLayout = std::move(layout).value();
    }
    QHash<QString, std::vector<int>> gatewayDistricts;   // --gateways NAME=D1+D2, against the city's districts
    for (auto bound = options.gatewayDistricts.cbegin(); bound != options.gatewayDistricts.cend(); ++bound) {
        auto districts = city.value()->districtIndexes(bound.value());
        if (!districts)
            return fail(QObject::tr("Cannot use --gateways %1: %2").arg(bound.key(), districts.error()), kExitUsage);
        gatewayDistricts.insert(bound.key(), std::move(districts).value());
    }
    std::shared_ptr<const MbTiles> background;
    if (!options.tilesPath.isEmpty()) {
        auto tiles = MbTiles::open(options.tilesPath);
        if (!tiles)
            return fail(QObject::tr("Cannot use the background tiles: %1").arg(tiles.error()), kExitUsage);
        background = std::move(tiles).value();
    }

    Engine engine(city.value());
    SimLinkOptions simOptions;
    simOptions.seed = options.seed;
    simOptions.speed = options.speed;
    if (options.sumoTraffic) {
#ifdef CITYOPS_HAVE_SUMO
        if (QStandardPaths::findExecutable(QStringLiteral("sumo")).isEmpty())
            return fail(QObject::tr("--traffic sumo needs SUMO, which is not installed: install the Debian package sumo"), kExitUsage);
        auto setup = sumoSetupFromPackage(cityPath, *city.value());
        if (!setup)
            return fail(setup.error(), kExitUsage);
        setup->seed = options.seed;
        simOptions.signalPlant = [c = city.value(), s = setup.value()] { return std::make_unique<SumoPlant>(c, s); };
#else
        return fail(QObject::tr("--traffic sumo: this build has no SUMO client (install the Debian package sumo and build again)"), kExitUsage);
#endif
    }

    // Recording: every event goes to the store. A store the user named must open; the default one may fail (the
    // console then runs unrecorded and says so on screen).
    QString storeWarning;
    QString archivePath, archiveWhy;   // a recording replayed read-only, not recorded into
    if (!options.noStore) {
        const bool userStore = !options.storePath.isEmpty();
        const QString storePath = userStore ? options.storePath : defaultStorePath(*city.value());
        EventStoreOptions storeOptions;
        storeOptions.path = storePath;
        storeOptions.retainDays = options.retainDays;
        auto key = checkpointKey(options);
        if (!key)
            return fail(QObject::tr("Cannot sign the record: %1").arg(key.error()), kExitUsage);
        storeOptions.checkpointKey = key.value();
        auto store = EventStore::open(storeOptions, *city.value());
        if (!store && options.replay && QFileInfo(storePath).isFile()) {
            // A read-only or damaged recording is still worth replaying: read-only, never written, and said so.
            archivePath = storePath;
            archiveWhy = EventStore::isReadOnlyFile(storePath)  ? QObject::tr("the store is read-only")
                       : storelock::heldElsewhere(storePath) ? QObject::tr("another console is recording into it")
                                                              : QObject::tr("the store is damaged");
            qCWarning(lcApp) << "replaying read-only, not recording:" << store.error();
        } else if (!store) {
            if (userStore)
                return fail(QObject::tr("Cannot open the event store: %1").arg(store.error()), kExitUsage);
            storeWarning = store.error();
            qCWarning(lcApp) << "not recording:" << store.error();
        } else {
            simOptions.historyFloorMs = store.value()->lastTimeMs();
            // A recording made at --speed above 1 runs ahead of the wall clock; the simulated city then carries on
            // from where it ends, so time in the store never goes backwards.
            if (store.value()->lastTimeMs() > QDateTime::currentMSecsSinceEpoch())
                simOptions.startMs = store.value()->lastTimeMs() + 1;
            simOptions.parameters.firstIncidentId = store.value()->maxIncidentId() + 1;
            engine.attachStore(std::move(store).value());
            // Incidents the simulated field left open when the recording ended are still its own to clear.
            std::vector<Incident> carried;
            engine.books().incidents().snapshot(carried);
            for (const Incident &i : carried)
                if (i.isOpen() && i.id < kConsoleIncidentBase)
                    simOptions.parameters.carriedIncidents.push_back(i.id);
        }
    }
    if (options.replay && !engine.store() && archivePath.isEmpty())
        return fail(QObject::tr("Cannot replay: %1").arg(storeWarning), kExitUsage);
    // Who may sign in: a city's LDAP directory, or the local user directory (created on the first run with an
    // administrator's account).
    // Shared: the engine's core thread looks people up in it until the engine stops, whichever goes first.
    std::shared_ptr<Authenticator> directory;
    AdminWatch::Source administered;   // the file whose administrators' changes the record takes in
    if (LdapDirectory::isAddress(options.directoryPath)) {
        const QString mapPath = options.ldapMapPath.isEmpty()
                                    ? QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("ldap-map.json"))
                                    : options.ldapMapPath;
        auto mapping = LdapMapping::load(mapPath);
        if (mapping)
            if (auto known = mapping.value().checkDistricts(city.value()->districtNames(), mapPath); !known)
                mapping = Error{known.error()};
        if (!mapping)
            return fail(QObject::tr("Cannot use the LDAP directory: %1").arg(mapping.error()), kExitUsage);
        auto ldap = LdapDirectory::open(options.directoryPath, std::move(mapping).value());
        if (!ldap)
            return fail(QObject::tr("Cannot use the LDAP directory: %1").arg(ldap.error()), kExitUsage);
        qCInfo(lcApp) << "people sign in against" << ldap.value()->describe();
        // Failed sign-ins outlast a restart: a lockout is lifted by its time or by cityops-admin, not by restarting.
        const QString failuresPath = FailureBook::defaultPath();
        (void)trustfile::makeFolder(QFileInfo(failuresPath).absolutePath());   // a failure is said by the open below
        administered = {AdminWatch::Source::Kind::FailureBook, failuresPath};
        if (auto book = FailureBook::open(failuresPath, FailureBook::Mode::CreateIfMissing))
            ldap.value()->setFailureBook(std::move(book).value());
        else
            qCWarning(lcApp) << "failed sign-ins are counted in memory, until this console restarts:" << book.error();
        directory = std::move(ldap).value();
    } else {
        const QString directoryPath = options.directoryPath.isEmpty() ? UserDirectory::defaultPath() : options.directoryPath;
        administered = {AdminWatch::Source::Kind::UserDirectory, directoryPath};
        (void)trustfile::makeFolder(QFileInfo(directoryPath).absolutePath());   // a failure is said by the open below
        auto opened = UserDirectory::open(directoryPath, interactive ? UserDirectory::Mode::CreateIfMissing : UserDirectory::Mode::Existing);
        if (opened) {
            UserDirectory &local = *opened.value();
            const auto count = local.count();
            if (interactive && count && count.value() == 0) {
                qCInfo(lcApp) << "nobody can sign in yet: asking for the first administrator's account";
                if (!createFirstAdministrator(local, stopSignals))
                    return stoppedWhileStarting() ? 0
                                                  : fail(QObject::tr("Nobody can sign in until a first account exists (or create one with "
                                                                     "cityops-admin)."),
                                                         kExitFailure);
            }
            directory = std::move(opened).value();
        } else {
            if (!options.directoryPath.isEmpty() || !options.signInUser.isEmpty())
                return fail(QObject::tr("Cannot use the user directory: %1").arg(opened.error()), kExitUsage);
            qCWarning(lcApp) << "nobody can sign in:" << opened.error();
        }
    }
    // Said once: the link says "connected" again whenever its description changes (a pace it cannot keep, SUMO back).
    QObject::connect(&engine, &Engine::linkStatusChanged, &app, [&startup, said = false](const LinkStatus &status) mutable {
        if (status.state != LinkState::Connected || said)
            return;
        said = true;
        qCInfo(lcApp) << "live after" << startup.elapsed() << "ms";
    });
    if (stoppedWhileStarting())
        return 0;
    if (options.useBroker) {
        // The field through a broker: devices live in another process (cityops-sim) and report in real time.
        std::optional<CommandSigner> signer;
        if (!options.commandKeyPath.isEmpty()) {
            auto key = CommandSigner::fromPrivateKeyFile(options.commandKeyPath);
            if (!key)
                return fail(QObject::tr("Cannot use the command key: %1").arg(key.error()), kExitUsage);
            signer = std::move(key).value();
        } else {
            qCWarning(lcApp) << "no --command-key: this console can watch but its commands will be refused";
        }
        // The consoles whose operations this one believes; the people those operations name are checked in our own
        // directory. A missing default keyring is an empty one: this console then takes nobody's operations. The link
        // reads it again whenever it changes.
        const QString consolesPath = options.consolesPath.isEmpty() ? ConsoleKeyring::defaultPath() : options.consolesPath;
        auto keyring = ConsoleKeyring::load(consolesPath, options.consolesPath.isEmpty());
        if (!keyring)
            return fail(QObject::tr("Cannot use the console keyring: %1").arg(keyring.error()), kExitUsage);
        if (keyring.value().isEmpty())
            qCInfo(lcApp) << "no console keyring: operations of other consoles will be refused (cityops-admin console add)";
        if (directory) {
            engine.setRoster([people = directory, districtNames = city.value()->districtNames()](const QString &user) -> std::optional<Actor> {
                auto found = people->lookUp(user);
                if (!found) {
                    qCWarning(lcApp) << "cannot look up" << user << ":" << found.error();
                    return std::nullopt;
                }
                if (!found.value())
                    return std::nullopt;
                return actorFor(*found.value(), districtNames);
            });
        }
        MqttLinkOptions linkOptions;
        linkOptions.mqtt = options.mqtt;
        linkOptions.consoles = std::make_shared<const ConsoleKeyring>(std::move(keyring).value());
        linkOptions.consolesPath = consolesPath;
        linkOptions.consolesMissingIsEmpty = options.consolesPath.isEmpty();
        linkOptions.approversPath = ConsoleKeyring::defaultPath(ConsoleKeyring::Kind::Approvers);   // a gateway holding another is said
        linkOptions.knownGateways = options.knownGateways;
        linkOptions.gatewayDistricts = gatewayDistricts;
        linkOptions.ownRecording = engine.ownRecording();   // said to the room's other desks and walls
        linkOptions.recordedKeyringTurns = engine.recordedKeyringTurns();   // a gateway's keyrings, as the last run left them
        if (linkOptions.mqtt.clientId.isEmpty()) {
            linkOptions.mqtt.clientId = QStringLiteral("console-%1-%2").arg(QSysInfo::machineHostName()).arg(QCoreApplication::applicationPid());
        } else {
            // A named console is held to its numbers across runs by the others: their floor is kept in the data
            // folder (a console named anew each run is a new console to them).
            linkOptions.numbersPath = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                                          .filePath(QStringLiteral("wire-numbers/%1").arg(QString::fromLatin1(QUrl::toPercentEncoding(linkOptions.mqtt.clientId))));
        }
        engine.setIdSalt(qHash(linkOptions.mqtt.clientId) & 0xfff);
        // Not recording (--no-store, or a store that could not be opened): no session count to go on from, and the
        // other consoles on this field still hold this console's earlier orders under their numbers — a number of
        // its own for this run (one in 4095 that two runs share).
        if (!engine.store()) {
            engine.setSessionWithoutStore(1 + QRandomGenerator::system()->bounded(0xfffu));
            qCInfo(lcApp) << "not recording: this run's orders are numbered in session" << engine.session();
        }
        DispatchConfig dispatch;
        dispatch.selectSettleMs = 250;   // other consoles' simultaneous selections arrive well within this
        engine.setDispatchConfig(dispatch);
        engine.start(std::make_unique<MqttLink>(city.value(), &engine.clock(), linkOptions, std::move(signer)));
    } else {
        const std::int64_t now = simOptions.startMs > 0 ? simOptions.startMs : QDateTime::currentMSecsSinceEpoch();
        engine.start(std::make_unique<SimLink>(city.value(), &engine.clock(), simOptions), QString(),
                     std::max(now - static_cast<std::int64_t>(simOptions.warmUpHours * 3600'000), simOptions.historyFloorMs));
    }

    // The city's response rules are read again whenever its package changes: `cityops-admin rules set` reaches a
    // running console (and wall) without a restart.
    RulesWatch rulesWatch(cityPath, city.value()->rules);
    QObject::connect(&rulesWatch, &RulesWatch::rulesChanged, &engine, &Engine::setResponseRules);
    // So are what administrators change in who may sign in and whose keys are believed, also while no console ran:
    // into the record, once each.
    std::optional<AdminWatch> adminWatch;
    if (engine.store()) {
        const std::vector<AdminWatch::Source> journals{
            administered,
            {AdminWatch::Source::Kind::ConsoleKeyring, options.consolesPath.isEmpty() ? ConsoleKeyring::defaultPath() : options.consolesPath},
            {AdminWatch::Source::Kind::ApproverKeyring, ConsoleKeyring::defaultPath(ConsoleKeyring::Kind::Approvers)}};
        adminWatch.emplace(journals, engine.store()->path(), city.value(), [&engine](OperatorAction action, const QString &by, const QString &detail) {
            engine.recordOperatorAction(action, by, detail);
        });
        adminWatch->checkNow();
    }

    if (wallLayout)
        return runWall(app, engine, *wallLayout, options, stopSignals);

    MainWindow window(engine, directory.get());
    QObject::connect(&rulesWatch, &RulesWatch::rulesUnusable, &window, &MainWindow::showRulesProblem);
    if (adminWatch) {
        QObject::connect(&*adminWatch, &AdminWatch::unreadable, &window, [&window](const QString &why) {
            window.ops().post(true, QObject::tr("What administrators change in the accounts or keyrings cannot be recorded for now: %1").arg(why));
        });
        QObject::connect(&*adminWatch, &AdminWatch::changedOutside, &window, [&window](const QString &what) {
            window.ops().post(true, QObject::tr("A keyring was changed outside cityops-admin, by someone the record cannot name: %1. Check who "
                                                "could write it.")
                                        .arg(what));
        });
    }
    window.access().setIdleLimit(std::int64_t(options.idleLockMinutes) * 60'000);
    // Devices behind a broker act on a high-risk command only with its approver's own signature (docs/SECURITY.md).
    window.ops().client().setApprovalKeys(approval::defaultFolder(), options.useBroker);
    window.setWallOverBroker(options.useBroker);
    if (!options.signInUser.isEmpty()) {
        // Headless sign-in (walls, scripts): the same check, delay and lockout as the sign-in screen.
        const SignInOutcome signedIn = window.access().signIn(options.signInUser, options.signInPassword);
        // A directory server that cannot be reached is not a reason to leave a wall dark: the console runs, says so
        // on its card, and can be signed in once the server answers.
        if (signedIn.refusal == SignInRefusal::Unavailable)
            std::fprintf(stderr, "cityops: cannot sign in as %s yet: %s\n", qPrintable(options.signInUser), qPrintable(signedIn.sentence));
        else if (!signedIn.ok())
            return fail(QObject::tr("Cannot sign in as %1: %2").arg(options.signInUser, signedIn.sentence), kExitFailure);
    }
    if (background)
        window.mapView()->setRasterBasemap(background);
    if (!archivePath.isEmpty())
        window.setArchive(archivePath, archiveWhy);
    if (options.replay)
        window.startReplay(options.fromMs, options.fromMs, options.toMs);
    if (!options.screenshotPath.isEmpty()) {
        window.mapView()->renderer().setAsyncBasemap(false); // a screenshot shows the complete basemap
        window.resize(1920, 1080);
        window.show();
    } else {
        window.resize(1600, 960);
        window.showMaximized();
    }

    // A shutdown, Ctrl+C or a closed terminal closes the console as its window does, without the question (nobody
    // may be there to answer): recorded with what it left, the store closed with its checkpoint.
    // Also one that came while the window was being made.
    stopSignals.onStop(&window, [&](const QString &name) {
        qCInfo(lcApp).noquote() << name << "received: the console closes";
        window.closeBecause(QStringLiteral("stopped by %1").arg(name));
        app.quit();
    });
    int exitCode = 0;
    if (options.quitAfterMs > 0) {
        window.setAskBeforeClosing(false);   // the run ends when it was told to, with nobody to answer
        QTimer::singleShot(options.quitAfterMs, &app, [&] {
            if (!options.screenshotPath.isEmpty()) {
                window.refreshNow();
                const QImage image = window.grab().toImage();
                if (!image.save(options.screenshotPath, "PNG")) {
                    std::fprintf(stderr, "cityops: cannot write screenshot %s\n", qPrintable(options.screenshotPath));
                    exitCode = kExitFailure;
                } else {
                    qCInfo(lcApp) << "screenshot saved to" << options.screenshotPath;
                }
            }
            app.quit();
        });
    }
    const int rc = app.exec();
    if (adminWatch)
        adminWatch->finish();   // what it had begun to read goes into the record before the engine stops
    engine.stop();
    return exitCode ? exitCode : rc;
}
