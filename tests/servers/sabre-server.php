<?php
/*
 * sabre/dav 1.8 (Debian's php-sabre-dav) behind PHP's built-in server, for
 * tests/servers/with-server sabre, which copies this file into its temporary
 * folder as conf/router.php next to conf/sabre.json and runs
 *
 *     php -S 127.0.0.1:PORT -t www/docroot conf/router.php
 *
 * Every request comes here.  A share (/dav/, /basic/, /digest/) is an
 * FSExt directory tree (dead properties in a .sabredav file per folder,
 * hidden from listings) with the Locks plugin and its File backend; /basic/
 * and /digest/ add the Auth plugin.  No browser plugin (no HTML), no
 * TemporaryFileFilterPlugin (names like ._x or x~ are stored like any other).
 */

$config = json_decode(file_get_contents(__DIR__ . '/sabre.json'), true);
require_once 'Sabre/autoload.php';

/* Basic authentication against the one test user. */
class DavscopeBasicAuth extends Sabre\DAV\Auth\Backend\AbstractBasic
{
    private $user;
    private $password;

    public function __construct($user, $password)
    {
        $this->user = $user;
        $this->password = $password;
    }

    protected function validateUserPass($username, $password)
    {
        return hash_equals($this->user, (string) $username)
            && hash_equals($this->password, (string) $password);
    }
}

$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$name = null;
foreach ($config['shares'] as $share => $unused) {
    if ($path === "/$share" || strncmp($path, "/$share/", strlen($share) + 2) === 0) {
        $name = $share;
        break;
    }
}
if ($name === null) {
    http_response_code(404);
    header('Content-Type: text/plain');
    echo "Not found: only /" . implode('/, /', array_keys($config['shares'])) . "/ are served.\n";
    return true;
}
$share = $config['shares'][$name];

$server = new Sabre\DAV\Server(new Sabre\DAV\FSExt\Directory($share['path']));
$server->setBaseUri("/$name/");
$server->addPlugin(new Sabre\DAV\Locks\Plugin(new Sabre\DAV\Locks\Backend\File($share['locks'])));
if ($share['auth'] === 'basic') {
    $backend = new DavscopeBasicAuth($config['user'], $config['password']);
    $server->addPlugin(new Sabre\DAV\Auth\Plugin($backend, $config['realm']));
} elseif ($share['auth'] === 'digest') {
    $backend = new Sabre\DAV\Auth\Backend\File($config['htdigest']);
    $server->addPlugin(new Sabre\DAV\Auth\Plugin($backend, $config['realm']));
}
$server->exec();
return true;
