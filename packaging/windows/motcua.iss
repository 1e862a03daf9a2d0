; Inno Setup script for motcua (Windows x64). Build the one-folder package first (see README.md here):
;   py -3.11 -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller packaging\motcua.spec
; then compile this script:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DMyAppVersion=0.1.0 packaging\windows\motcua.iss
; The installer is written to dist\motcua-<version>-windows-x64-setup.exe.

#ifndef MyAppVersion
  #define MyAppVersion "0.1.0"
#endif
#define MyAppName "motcua"
#define MyAppPublisher "motcua"
#define MyAppExeName "motcua.exe"
#define SourceDir "..\..\dist\motcua"

[Setup]
; Keep this AppId for every version: it is how updates find the installed copy.
AppId={{6B0F3C52-8E1A-4C1B-9F7E-2D5A4C9E6A11}
AppName={#MyAppName}
AppVersion={#MyAppVersion}
AppPublisher={#MyAppPublisher}
AppVerName={#MyAppName} {#MyAppVersion}
DefaultDirName={autopf}\motcua
DefaultGroupName=motcua
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=motcua-{#MyAppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
WizardStyle=modern
UninstallDisplayIcon={app}\{#MyAppExeName}
; The encrypted store lives in each user's %APPDATA%\motcua\motcua, never under {app}: updates and
; uninstalls do not touch it.
CloseApplications=yes

[Languages]
Name: "vietnamese"; MessagesFile: "compiler:Languages\Vietnamese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; Replace the whole program folder on update, so no file of an older version stays behind.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\motcua"; Filename: "{app}\{#MyAppExeName}"
Name: "{group}\motcua (IT: self-test)"; Filename: "{cmd}"; Parameters: "/k ""{app}\motcua-cli.exe"" self-test"
Name: "{autodesktop}\motcua"; Filename: "{app}\{#MyAppExeName}"; Tasks: desktopicon

[Run]
; Check the installation before the clerk uses it (offscreen: no window flashes up).
Filename: "{app}\motcua-cli.exe"; Parameters: "self-test"; StatusMsg: "Checking the installation..."; Flags: runhidden waituntilterminated
Filename: "{app}\{#MyAppExeName}"; Description: "{cm:LaunchProgram,motcua}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"
