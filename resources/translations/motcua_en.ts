<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>ClerkPage</name>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="271"/>
        <source>First clerk account</source>
        <translation>First clerk account</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="273"/>
        <source>Step 3 of 5. The person who sets up the desk; more clerks can be added later.</source>
        <translation>Step 3 of 5. The person who sets up the desk; more clerks can be added later.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/first_run_wizard.py" line="277"/>
        <source>The passphrase opens the desk and protects citizens&apos; data on this computer. Use at least %n characters; a few words you remember are better than a short code. Nobody can read it back, not even IT.</source>
        <translation>
            <numerusform>The passphrase opens the desk and protects citizens&apos; data on this computer. Use at least %n character; a few words you remember are better than a short code. Nobody can read it back, not even IT.</numerusform>
            <numerusform>The passphrase opens the desk and protects citizens&apos; data on this computer. Use at least %n characters; a few words you remember are better than a short code. Nobody can read it back, not even IT.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="284"/>
        <source>&amp;Login name:</source>
        <translation>&amp;Login name:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="285"/>
        <source>&amp;Full name:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="286"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="287"/>
        <source>&amp;Repeat passphrase:</source>
        <translation>&amp;Repeat passphrase:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="297"/>
        <source>Too short</source>
        <translation>Too short</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="298"/>
        <source>Fair: a longer passphrase is safer</source>
        <translation>Fair: a longer passphrase is safer</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="299"/>
        <source>Good</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="300"/>
        <source>Strong</source>
        <translation>Strong</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="308"/>
        <source>Enter a login name.</source>
        <translation>Enter a login name.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="310"/>
        <source>The login name cannot hold special invisible characters.</source>
        <translation>The login name cannot hold special invisible characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="312"/>
        <source>Enter the clerk&apos;s full name.</source>
        <translation>Enter the clerk&apos;s full name.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/first_run_wizard.py" line="315"/>
        <source>The passphrase is too short: use at least %n characters.</source>
        <translation>
            <numerusform>The passphrase is too short: use at least %n character.</numerusform>
            <numerusform>The passphrase is too short: use at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="318"/>
        <source>The two passphrases are not the same. Type them again.</source>
        <translation>The two passphrases are not the same. Type them again.</translation>
    </message>
</context>
<context>
    <name>CommunePage</name>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="92"/>
        <source>Your commune</source>
        <translation>Your commune</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="94"/>
        <source>Step 1 of 5. Choose the province, then the commune or ward this desk serves.</source>
        <translation>Step 1 of 5. Choose the province, then the commune or ward this desk serves.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="97"/>
        <source>The list is the official one (34 provinces and cities, 3,321 communes and wards, 2025).</source>
        <translation>The list is the official one (34 provinces and cities, 3,321 communes and wards, 2025).</translation>
    </message>
</context>
<context>
    <name>CommunePicker</name>
    <message>
        <location filename="../../desktop/commune_picker.py" line="173"/>
        <source>&amp;Province or city:</source>
        <translation>&amp;Province or city:</translation>
    </message>
    <message>
        <location filename="../../desktop/commune_picker.py" line="174"/>
        <source>&amp;Commune or ward:</source>
        <translation>&amp;Commune or ward:</translation>
    </message>
    <message>
        <location filename="../../desktop/commune_picker.py" line="175"/>
        <source>Type to search, e.g. ha noi</source>
        <translation>Type to search, e.g. ha noi</translation>
    </message>
    <message>
        <location filename="../../desktop/commune_picker.py" line="176"/>
        <source>Type to search, e.g. hoan kiem</source>
        <translation>Type to search, e.g. hoan kiem</translation>
    </message>
</context>
<context>
    <name>DeskController</name>
    <message>
        <location filename="../../desktop/app.py" line="271"/>
        <source>Something could not be saved (%1). Try again or ask IT.</source>
        <translation>Something could not be saved (%1). Try again or ask IT.</translation>
    </message>
</context>
<context>
    <name>EmptyQueue</name>
    <message>
        <location filename="../../desktop/main_window.py" line="51"/>
        <source>No dossiers in the queue yet. Dossiers you receive will be listed here.</source>
        <translation>No dossiers in the queue yet. Dossiers you receive will be listed here.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="52"/>
        <source>Receive a new dossier (F2)</source>
        <translation>Receive a new dossier (F2)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="53"/>
        <source>Available when the dossier screens land</source>
        <translation>Available when the dossier screens land</translation>
    </message>
</context>
<context>
    <name>EnrolPage</name>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="460"/>
        <source>Provincial server (optional)</source>
        <translation>Provincial server (optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="461"/>
        <source>Step 5 of 5. The desk works fully without it; sync can be set up later.</source>
        <translation>Step 5 of 5. The desk works fully without it; sync can be set up later.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="464"/>
        <source>Enrolling connects this desk to the provincial server with the address and one-time code from provincial IT, so dossiers are sent to the province. This version cannot connect yet: press Next.</source>
        <translation>Enrolling connects this desk to the provincial server with the address and one-time code from provincial IT, so dossiers are sent to the province. This version cannot connect yet: press Next.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="469"/>
        <source>Server address:</source>
        <translation>Server address:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="470"/>
        <source>One-time code:</source>
        <translation>One-time code:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="471"/>
        <source>Enrol</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="472"/>
        <source>Available when the server connection lands</source>
        <translation>Available when the server connection lands</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="500"/>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="501"/>
        <source>Check the details, then press Finish to create the desk&apos;s encrypted data.</source>
        <translation>Check the details, then press Finish to create the desk&apos;s encrypted data.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="513"/>
        <source>Commune: %1</source>
        <translation>Commune: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="514"/>
        <source>Province: %1</source>
        <translation>Province: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="515"/>
        <source>Agency identifier: %1</source>
        <translation>Agency identifier: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="516"/>
        <source>Open on Saturday morning: %1</source>
        <translation>Open on Saturday morning: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="517"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="517"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="519"/>
        <source>First clerk: %1</source>
        <translation>First clerk: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="520"/>
        <source>Recovery key: %1</source>
        <translation>Recovery key: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="521"/>
        <source>loaded</source>
        <translation>loaded</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="521"/>
        <source>none (skipped)</source>
        <translation>none (skipped)</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="569"/>
        <source>motcua: setting up the one-stop desk</source>
        <translation>motcua: setting up the one-stop desk</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="570"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="571"/>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="572"/>
        <source>&amp;Finish</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="573"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="636"/>
        <source>Creating the encrypted data. This takes a few seconds…</source>
        <translation>Creating the encrypted data. This takes a few seconds…</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="656"/>
        <source>The desk could not be set up: %1. Nothing was saved; ask IT for help.</source>
        <translation>The desk could not be set up: %1. Nothing was saved; ask IT for help.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="138"/>
        <source>motcua: one-stop desk</source>
        <translation>motcua: one-stop desk</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="140"/>
        <source>&amp;Desk</source>
        <translation>&amp;Desk</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="141"/>
        <source>D&amp;ossiers</source>
        <translation>D&amp;ossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="142"/>
        <source>&amp;Tools</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="143"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="144"/>
        <source>&amp;Receive a new dossier</source>
        <translation>&amp;Receive a new dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="145"/>
        <source>Available when the dossier screens land</source>
        <translation>Available when the dossier screens land</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="146"/>
        <source>&amp;Lock the desk</source>
        <translation>&amp;Lock the desk</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="147"/>
        <source>Lock the desk now (Ctrl+L)</source>
        <translation>Lock the desk now (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="148"/>
        <source>&amp;Switch clerk…</source>
        <translation>&amp;Switch clerk…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="149"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="150"/>
        <source>Language, font size, auto-lock (Ctrl+,)</source>
        <translation>Language, font size, auto-lock (Ctrl+,)</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="151"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="152"/>
        <source>&amp;About motcua</source>
        <translation>&amp;About motcua</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="153"/>
        <source>Main toolbar</source>
        <translation>Main toolbar</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="154"/>
        <source>Clerk: %1</source>
        <translation>Clerk: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="155"/>
        <source>Not connected to the provincial server</source>
        <translation>Not connected to the provincial server</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="172"/>
        <source>About motcua</source>
        <translation>About motcua</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="174"/>
        <source>motcua: receiving and returning dossiers at the commune one-stop desk.</source>
        <translation>motcua: receiving and returning dossiers at the commune one-stop desk.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="179"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="159"/>
        <source>Agency and opening hours</source>
        <translation>Agency and opening hours</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="160"/>
        <source>Step 2 of 5. These appear on receipts and set the appointment dates.</source>
        <translation>Step 2 of 5. These appear on receipts and set the appointment dates.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="161"/>
        <source>&amp;Agency identifier:</source>
        <translation>&amp;Agency identifier:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="164"/>
        <source>The electronic identifier issued by the province (for example 000.00.01.H22). Until you have it, the commune&apos;s official code filled in here works; it starts every dossier code.</source>
        <translation>The electronic identifier issued by the province (for example 000.00.01.H22). Until you have it, the commune&apos;s official code filled in here works; it starts every dossier code.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="168"/>
        <source>Opening hours</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="169"/>
        <source>Morning:</source>
        <translation>Morning:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="170"/>
        <source>Afternoon:</source>
        <translation>Afternoon:</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="172"/>
        <source>Monday</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="173"/>
        <source>Tuesday</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="174"/>
        <source>Wednesday</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="175"/>
        <source>Thursday</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="176"/>
        <source>Friday</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="180"/>
        <source>Also open on &amp;Saturday morning</source>
        <translation>Also open on &amp;Saturday morning</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="182"/>
        <source>Saturday morning counts as a working day for appointment dates</source>
        <translation>Saturday morning counts as a working day for appointment dates</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="217"/>
        <source>The agency identifier may only hold capital letters, digits and dots, like 000.00.01.H22.</source>
        <translation>The agency identifier may only hold capital letters, digits and dots, like 000.00.01.H22.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="222"/>
        <source>Each opening period must start before it ends.</source>
        <translation>Each opening period must start before it ends.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="224"/>
        <source>The afternoon must start after the morning ends.</source>
        <translation>The afternoon must start after the morning ends.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="226"/>
        <source>Choose at least one working day.</source>
        <translation>Choose at least one working day.</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="361"/>
        <location filename="../../desktop/first_run_wizard.py" line="402"/>
        <source>Province recovery key</source>
        <translation>Province recovery key</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="362"/>
        <source>Step 4 of 5. A safety net for forgotten passphrases.</source>
        <translation>Step 4 of 5. A safety net for forgotten passphrases.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="365"/>
        <source>Provincial IT gives each commune a small file ending in .pem: the province&apos;s recovery key. With it, if every clerk of this desk forgets their passphrase, provincial IT (and only they, with the secret half kept at the province) can open this computer&apos;s data again and set a new passphrase. The file holds no secret and does not let anyone read the data.</source>
        <translation>Provincial IT gives each commune a small file ending in .pem: the province&apos;s recovery key. With it, if every clerk of this desk forgets their passphrase, provincial IT (and only they, with the secret half kept at the province) can open this computer&apos;s data again and set a new passphrase. The file holds no secret and does not let anyone read the data.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="371"/>
        <source>&amp;Choose the key file…</source>
        <translation>&amp;Choose the key file…</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="372"/>
        <source>&amp;Skip: I have no key file from IT</source>
        <translation>&amp;Skip: I have no key file from IT</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="379"/>
        <source>Key loaded. Fingerprint (compare with IT): %1</source>
        <translation>Key loaded. Fingerprint (compare with IT): %1</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="383"/>
        <source>This file is not a province recovery key. Ask IT for the right .pem file.</source>
        <translation>This file is not a province recovery key. Ask IT for the right .pem file.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="386"/>
        <source>No key file chosen yet.</source>
        <translation>No key file chosen yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="391"/>
        <source>Warning: without the recovery key, a passphrase that every clerk forgets can never be recovered, and the data on this computer is then lost. IT can add the key later.</source>
        <translation>Warning: without the recovery key, a passphrase that every clerk forgets can never be recovered, and the data on this computer is then lost. IT can add the key later.</translation>
    </message>
    <message>
        <location filename="../../desktop/first_run_wizard.py" line="402"/>
        <source>Recovery key (*.pem);;All files (*)</source>
        <translation>Recovery key (*.pem);;All files (*)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="74"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="75"/>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="76"/>
        <source>&amp;Font size:</source>
        <translation>&amp;Font size:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="77"/>
        <source>&amp;Lock the desk after:</source>
        <translation>&amp;Lock the desk after:</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="78"/>
        <source>pt</source>
        <translation>pt</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="79"/>
        <source>minutes without use</source>
        <translation>minutes without use</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="80"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../desktop/settings_dialog.py" line="81"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="125"/>
        <source>motcua: one-stop desk (locked)</source>
        <translation>motcua: one-stop desk (locked)</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="126"/>
        <source>One-stop desk</source>
        <translation>One-stop desk</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="128"/>
        <source>The desk is locked. Enter your login and passphrase to continue.</source>
        <translation>The desk is locked. Enter your login and passphrase to continue.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="130"/>
        <source>Choose another clerk&apos;s login and enter their passphrase.</source>
        <translation>Choose another clerk&apos;s login and enter their passphrase.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="132"/>
        <source>Enter your login and passphrase to open the desk.</source>
        <translation>Enter your login and passphrase to open the desk.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="134"/>
        <source>&amp;Login:</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="135"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="136"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="137"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="138"/>
        <source>Forgot the passphrase?</source>
        <translation>Forgot the passphrase?</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="141"/>
        <source>Another clerk of this desk can log in and set a new passphrase for you. If every clerk has forgotten their passphrase, call provincial IT: with the province&apos;s recovery key they can open this workstation&apos;s data again and set a new passphrase (see &quot;Recover a workstation&quot; in the IT guide). Nothing is lost, but it needs IT; nobody at the commune can bypass the passphrase. Repeated wrong tries make the desk wait a little longer each time.</source>
        <translation>Another clerk of this desk can log in and set a new passphrase for you. If every clerk has forgotten their passphrase, call provincial IT: with the province&apos;s recovery key they can open this workstation&apos;s data again and set a new passphrase (see &quot;Recover a workstation&quot; in the IT guide). Nothing is lost, but it needs IT; nobody at the commune can bypass the passphrase. Repeated wrong tries make the desk wait a little longer each time.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="162"/>
        <source>Wrong login or passphrase. Check the keyboard language and Caps Lock, then try again.</source>
        <translation>Wrong login or passphrase. Check the keyboard language and Caps Lock, then try again.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/unlock_screen.py" line="165"/>
        <source>You can try again in %n seconds.</source>
        <translation>
            <numerusform>You can try again in %n second.</numerusform>
            <numerusform>You can try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/unlock_screen.py" line="167"/>
        <source>Too many wrong tries. Try again in %n seconds.</source>
        <translation>
            <numerusform>Too many wrong tries. Try again in %n second.</numerusform>
            <numerusform>Too many wrong tries. Try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="169"/>
        <source>Enter your login and passphrase.</source>
        <translation>Enter your login and passphrase.</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="171"/>
        <source>The desk&apos;s data could not be opened. Ask IT for help (error: %1).</source>
        <translation>The desk&apos;s data could not be opened. Ask IT for help (error: %1).</translation>
    </message>
    <message>
        <location filename="../../desktop/unlock_screen.py" line="237"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
</context>
</TS>
