/// A published source behind a reference value, a measurement threshold or a rule of the report.
///
/// `key` is the short form shown beside a number ("Dingenen 2018"); `citation` the full reference
/// listed at the end of every report. The list is the one collected in the project's clinical
/// reference notes; docs/report.md says which value comes from which source.
public enum LiteratureSource: String, CaseIterable, Sendable, Codable, Comparable {
    case souza2016
    case dingenen2018
    case bramah2018
    case heiderscheit2011
    case damsted2015
    case wille2014
    case padulo2012
    case vernillo2017
    case straubPowers2022
    case iskandar2023

    /// Short form: author and year.
    public var key: String {
        switch self {
        case .souza2016: "Souza 2016"
        case .dingenen2018: "Dingenen 2018"
        case .bramah2018: "Bramah 2018"
        case .heiderscheit2011: "Heiderscheit 2011"
        case .damsted2015: "Damsted 2015"
        case .wille2014: "Wille 2014"
        case .padulo2012: "Padulo 2012"
        case .vernillo2017: "Vernillo 2017"
        case .straubPowers2022: "Straub & Powers 2022"
        case .iskandar2023: "Iskandar 2023"
        }
    }

    /// The full reference.
    public var citation: String {
        switch self {
        case .souza2016:
            "Souza RB (2016). An evidence-based videotaped running biomechanics analysis. Phys Med Rehabil Clin N Am 27(1):217-236."
        case .dingenen2018:
            "Dingenen B et al. (2018). Two-dimensional video analysis of running: reliability, smallest detectable differences and number of steps. Phys Ther Sport."
        case .bramah2018:
            "Bramah C et al. (2018). Is there a pathological gait associated with common soft tissue running injuries? Am J Sports Med."
        case .heiderscheit2011:
            "Heiderscheit BC et al. (2011). Effects of step rate manipulation on joint mechanics during running. Med Sci Sports Exerc 43(2):296-302."
        case .damsted2015:
            "Damsted C et al. (2015). Reliability of video-based quantification of the knee- and hip angle at foot strike during running. Int J Sports Phys Ther."
        case .wille2014:
            "Wille CM et al. (2014). Ability of sagittal kinematic variables to estimate ground reaction forces and joint kinetics in running. J Orthop Sports Phys Ther."
        case .padulo2012:
            "Padulo J et al. (2012). Kinematics of running at different slopes and speeds. J Strength Cond Res 26(5):1331-1339."
        case .vernillo2017:
            "Vernillo G et al. (2017). Biomechanics and physiology of uphill and downhill running. Sports Med 47(4):615-629."
        case .straubPowers2022:
            "Straub RK, Powers CM (2022). Frontal plane knee projection angle and knee abduction."
        case .iskandar2023:
            "Iskandar MNS et al. (2023). Crossover gait in running and measuring foot inversion angle at initial foot strike. Front Bioeng Biotechnol 11:1210049."
        }
    }

    public static func < (a: LiteratureSource, b: LiteratureSource) -> Bool { a.key < b.key }

    /// The source whose short form is `key` ("Dingenen 2018"), for sources named in the library file.
    public init?(key: String) {
        guard let s = LiteratureSource.allCases.first(where: { $0.key.lowercased() == key.lowercased() }) else { return nil }
        self = s
    }
}
